package dev.cloudtrace.autoconfigure.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The rules that the OpenTelemetry artifacts on the classpath follow for the starter to work:
 * <ol>
 * <li>The API ({@code opentelemetry-api}, {@code opentelemetry-context}), the SDK
 * ({@code opentelemetry-sdk}, {@code -sdk-common}, {@code -sdk-trace}) and the OTLP exporter
 * ({@code opentelemetry-exporter-otlp}) are {@value #MINIMUM_VERSION} or later: the starter is
 * built against that version, the one of the oldest supported Spring Boot line.</li>
 * <li>No part of the SDK or the OTLP exporter is newer than the API: they call the API of
 * their own version.</li>
 * <li>The incubator ({@code opentelemetry-api-incubator}), when present, is exactly the SDK's
 * version followed by {@code -alpha}: the SDK calls its alpha API, which changes from one
 * release to the next. The SDK's version is that of {@code opentelemetry-sdk}, or when it is
 * absent of {@code -sdk-trace}, then of {@code -sdk-common}; with no SDK at all, the API's
 * version takes its place.</li>
 * </ol>
 * The second and third rules apply only when the API or SDK that they compare with follows
 * the rules before them: otherwise the earlier rule's fix brings the versions together, and
 * their own fix would name the wrong version. A rule is skipped when a version that it needs is
 * unknown or not of the form {@code major.minor.patch[-suffix]}, so that an unreadable
 * version never fails startup. Versions are ordered the semantic-versioning way.
 */
public final class OpenTelemetryCompatibility {

	/**
	 * The oldest OpenTelemetry version that the starter works with.
	 */
	public static final String MINIMUM_VERSION = "1.49.0";

	private static final Version MINIMUM = Objects.requireNonNull(Version.parse(MINIMUM_VERSION));

	private static final List<OpenTelemetryArtifact> STABLE = List.of(OpenTelemetryArtifact.API,
			OpenTelemetryArtifact.CONTEXT, OpenTelemetryArtifact.SDK, OpenTelemetryArtifact.SDK_COMMON,
			OpenTelemetryArtifact.SDK_TRACE, OpenTelemetryArtifact.EXPORTER_OTLP);

	private static final List<OpenTelemetryArtifact> SDK = List.of(OpenTelemetryArtifact.SDK,
			OpenTelemetryArtifact.SDK_COMMON, OpenTelemetryArtifact.SDK_TRACE, OpenTelemetryArtifact.EXPORTER_OTLP);

	private static final List<OpenTelemetryArtifact> INCUBATOR_REFERENCES = List.of(OpenTelemetryArtifact.SDK,
			OpenTelemetryArtifact.SDK_TRACE, OpenTelemetryArtifact.SDK_COMMON, OpenTelemetryArtifact.API);

	private static final String SUPPORTED_LINES = "3.5.x (1.49.0), 4.0.x (1.55.0), 4.1.x (1.62.0)";

	private OpenTelemetryCompatibility() {
	}

	/**
	 * Check versions of the OpenTelemetry artifacts against the rules.
	 * @param versions the versions
	 * @return every rule that the versions break, in the order of the rules; empty when the
	 * starter works with them
	 */
	public static List<OpenTelemetryIncompatibility> check(OpenTelemetryVersions versions) {
		List<OpenTelemetryIncompatibility> incompatibilities = new ArrayList<>();
		checkMinimum(versions, incompatibilities);
		checkSdkNotNewerThanApi(versions, incompatibilities);
		checkIncubator(versions, incompatibilities);
		return incompatibilities;
	}

	private static void checkMinimum(OpenTelemetryVersions versions,
			List<OpenTelemetryIncompatibility> incompatibilities) {
		for (OpenTelemetryArtifact artifact : STABLE) {
			String found = versions.getVersion(artifact);
			Version version = parse(found);
			if (found != null && version != null && version.compareTo(MINIMUM) < 0) {
				incompatibilities.add(tooOld(artifact, found));
			}
		}
	}

	private static void checkSdkNotNewerThanApi(OpenTelemetryVersions versions,
			List<OpenTelemetryIncompatibility> incompatibilities) {
		String api = versions.getVersion(OpenTelemetryArtifact.API);
		Version apiVersion = parse(api);
		if (api == null || apiVersion == null || apiVersion.compareTo(MINIMUM) < 0) {
			return;
		}
		for (OpenTelemetryArtifact artifact : SDK) {
			String found = versions.getVersion(artifact);
			Version version = parse(found);
			if (found != null && version != null && version.compareTo(apiVersion) > 0) {
				incompatibilities.add(newerThanApi(artifact, found, api));
			}
		}
	}

	private static void checkIncubator(OpenTelemetryVersions versions,
			List<OpenTelemetryIncompatibility> incompatibilities) {
		String found = versions.getVersion(OpenTelemetryArtifact.API_INCUBATOR);
		OpenTelemetryArtifact reference = INCUBATOR_REFERENCES.stream()
			.filter(versions::isPresent)
			.findFirst()
			.orElse(null);
		if (found == null || reference == null) {
			return;
		}
		String referenceVersion = versions.getVersion(reference);
		if (referenceVersion != null && followsFirstRules(reference, referenceVersion, versions)
				&& !found.equals(referenceVersion + "-alpha")) {
			incompatibilities.add(otherIncubator(found, (reference == OpenTelemetryArtifact.API) ? "API" : "SDK",
					referenceVersion));
		}
	}

	private static boolean followsFirstRules(OpenTelemetryArtifact artifact, String version,
			OpenTelemetryVersions versions) {
		Version parsed = Version.parse(version);
		if (parsed == null || parsed.compareTo(MINIMUM) < 0) {
			return false;
		}
		Version api = parse(versions.getVersion(OpenTelemetryArtifact.API));
		return artifact == OpenTelemetryArtifact.API || api == null || parsed.compareTo(api) <= 0;
	}

	private static OpenTelemetryIncompatibility tooOld(OpenTelemetryArtifact artifact, String found) {
		String description = "The %s on the classpath is %s (%s), but the Cloud Trace starter needs %s or later."
			.formatted(artifact.getDisplayName(), found, artifact.getCoordinates(), MINIMUM_VERSION);
		String fix = "Remove the override of opentelemetry.version (or the import of the OpenTelemetry BOM, "
				+ "io.opentelemetry:opentelemetry-bom) so that your Spring Boot line's own OpenTelemetry version "
				+ "applies; supported lines: Spring Boot " + SUPPORTED_LINES + ".";
		return new OpenTelemetryIncompatibility(artifact, found, MINIMUM_VERSION + " or later", description, fix);
	}

	private static OpenTelemetryIncompatibility newerThanApi(OpenTelemetryArtifact artifact, String found,
			String api) {
		String description = ("%s %s is on the classpath, but the OpenTelemetry API is %s: the SDK and its "
				+ "exporters work only with an API of their own version or newer.")
			.formatted(artifact.getCoordinates(), found, api);
		String fix = ("Remove the version that overrides the OpenTelemetry SDK (an explicit <version> on an "
				+ "io.opentelemetry dependency, or an import of a newer io.opentelemetry:opentelemetry-bom) so that "
				+ "your Spring Boot line's version, the API's %s, applies to all OpenTelemetry artifacts.")
			.formatted(api);
		return new OpenTelemetryIncompatibility(artifact, found, api + " or older", description, fix);
	}

	private static OpenTelemetryIncompatibility otherIncubator(String found, String part, String partVersion) {
		String required = partVersion + "-alpha";
		String description = ("%s %s is on the classpath, but the OpenTelemetry %s is %s: the %s works only with "
				+ "the incubator of its own version.")
			.formatted(OpenTelemetryArtifact.API_INCUBATOR.getCoordinates(), found, part, partVersion, part);
		String fix = ("Manage io.opentelemetry:opentelemetry-api-incubator at the %s's version in "
				+ "<dependencyManagement>: <dependency><groupId>io.opentelemetry</groupId>"
				+ "<artifactId>opentelemetry-api-incubator</artifactId><version>%s</version></dependency> "
				+ "(or import io.opentelemetry:opentelemetry-bom-alpha:%s), or exclude it from the dependency "
				+ "that brings it.")
			.formatted(part, required, required);
		return new OpenTelemetryIncompatibility(OpenTelemetryArtifact.API_INCUBATOR, found, required, description,
				fix);
	}

	private static @Nullable Version parse(@Nullable String version) {
		return (version != null) ? Version.parse(version) : null;
	}

}
