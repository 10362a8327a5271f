package dev.cloudtrace.autoconfigure.compatibility;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link OpenTelemetryCompatibility}.
 */
class OpenTelemetryCompatibilityTests {

	@Test
	void minimumIsTheVersionTheStarterIsBuiltAndTestedAgainst() {
		// The build imports the OpenTelemetry BOM at opentelemetry-baseline.version (pom.xml).
		assertThat(OpenTelemetryVersions.read(getClass().getClassLoader()).getVersion(OpenTelemetryArtifact.API))
			.isEqualTo(OpenTelemetryCompatibility.MINIMUM_VERSION);
	}

	@Test
	void passesWhenEveryArtifactHasTheSameVersion() {
		assertThat(OpenTelemetryCompatibility.check(allAt("1.55.0"))).isEmpty();
		assertThat(OpenTelemetryCompatibility.check(allAt("1.62.0"))).isEmpty();
	}

	@Test
	void passesWithNothingPresent() {
		assertThat(OpenTelemetryCompatibility.check(OpenTelemetryVersions.none())).isEmpty();
	}

	@Test
	void passesWhenApiIsTheMinimum() {
		assertThat(OpenTelemetryCompatibility.check(allAt("1.49.0"))).isEmpty();
	}

	@Test
	void failsWhenApiIsOlderThanMinimum() {
		List<OpenTelemetryIncompatibility> incompatibilities = OpenTelemetryCompatibility
			.check(OpenTelemetryVersions.none().with(OpenTelemetryArtifact.API, "1.48.9"));
		assertThat(incompatibilities).singleElement().satisfies((incompatibility) -> {
			assertThat(incompatibility.artifact()).isEqualTo(OpenTelemetryArtifact.API);
			assertThat(incompatibility.found()).isEqualTo("1.48.9");
			assertThat(incompatibility.required()).isEqualTo("1.49.0 or later");
			assertThat(incompatibility.description()).isEqualTo("The OpenTelemetry API on the classpath is 1.48.9 "
					+ "(io.opentelemetry:opentelemetry-api), but the Cloud Trace starter needs 1.49.0 or later.");
			assertThat(incompatibility.fix()).contains("opentelemetry.version",
					"3.5.x (1.49.0), 4.0.x (1.55.0), 4.1.x (1.62.0)");
		});
	}

	@Test
	void failsWhenApiIsASnapshotOfTheMinimum() {
		assertThat(OpenTelemetryCompatibility
			.check(OpenTelemetryVersions.none().with(OpenTelemetryArtifact.API, "1.49.0-SNAPSHOT")))
			.singleElement()
			.extracting(OpenTelemetryIncompatibility::found)
			.isEqualTo("1.49.0-SNAPSHOT");
	}

	@ParameterizedTest
	@EnumSource(names = { "CONTEXT", "SDK", "SDK_COMMON", "SDK_TRACE", "EXPORTER_OTLP" })
	void failsWhenAnyStableArtifactIsOlderThanMinimum(OpenTelemetryArtifact artifact) {
		OpenTelemetryVersions versions = stableAt("1.49.0").with(artifact, "1.48.9");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement().satisfies((incompatibility) -> {
			assertThat(incompatibility.artifact()).isEqualTo(artifact);
			assertThat(incompatibility.description()).isEqualTo("The %s on the classpath is 1.48.9 (%s), but the "
				.formatted(artifact.getDisplayName(), artifact.getCoordinates())
					+ "Cloud Trace starter needs 1.49.0 or later.");
		});
	}

	@Test
	void passesWhenSdkIsOlderThanApi() {
		assertThat(OpenTelemetryCompatibility.check(allAt("1.49.0").with(OpenTelemetryArtifact.API, "1.62.0")
			.with(OpenTelemetryArtifact.CONTEXT, "1.62.0"))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(names = { "SDK", "SDK_COMMON", "SDK_TRACE", "EXPORTER_OTLP" })
	void failsWhenSdkIsNewerThanApi(OpenTelemetryArtifact artifact) {
		OpenTelemetryVersions versions = stableAt("1.55.0").with(artifact, "1.55.1");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement().satisfies((incompatibility) -> {
			assertThat(incompatibility.artifact()).isEqualTo(artifact);
			assertThat(incompatibility.found()).isEqualTo("1.55.1");
			assertThat(incompatibility.required()).isEqualTo("1.55.0 or older");
			assertThat(incompatibility.description()).isEqualTo(artifact.getCoordinates() + " 1.55.1 is on the "
					+ "classpath, but the OpenTelemetry API is 1.55.0: the SDK and its exporters work only with an API "
					+ "of their own version or newer.");
			assertThat(incompatibility.fix()).contains("1.55.0", "io.opentelemetry:opentelemetry-bom");
		});
	}

	@Test
	void passesWhenIncubatorIsTheAlphaOfTheSdk() {
		assertThat(OpenTelemetryCompatibility.check(allAt("1.62.0"))).isEmpty();
	}

	@Test
	void passesWithoutIncubator() {
		assertThat(OpenTelemetryCompatibility.check(stableAt("1.62.0"))).isEmpty();
	}

	@Test
	void failsWhenIncubatorIsOfAnotherVersionThanTheSdk() {
		OpenTelemetryVersions versions = allAt("1.62.0").with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement().satisfies((incompatibility) -> {
			assertThat(incompatibility.artifact()).isEqualTo(OpenTelemetryArtifact.API_INCUBATOR);
			assertThat(incompatibility.found()).isEqualTo("1.55.0-alpha");
			assertThat(incompatibility.required()).isEqualTo("1.62.0-alpha");
			assertThat(incompatibility.description()).isEqualTo("io.opentelemetry:opentelemetry-api-incubator "
					+ "1.55.0-alpha is on the classpath, but the OpenTelemetry SDK is 1.62.0: the SDK works only with "
					+ "the incubator of its own version.");
			assertThat(incompatibility.fix()).contains("<dependency><groupId>io.opentelemetry</groupId>"
					+ "<artifactId>opentelemetry-api-incubator</artifactId><version>1.62.0-alpha</version>"
					+ "</dependency>", "io.opentelemetry:opentelemetry-bom-alpha:1.62.0-alpha");
		});
	}

	@Test
	void failsWhenIncubatorIsNewerThanTheSdk() {
		OpenTelemetryVersions versions = allAt("1.55.0").with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.1-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement()
			.extracting(OpenTelemetryIncompatibility::required)
			.isEqualTo("1.55.0-alpha");
	}

	@Test
	void failsWhenIncubatorIsNotAnAlpha() {
		OpenTelemetryVersions versions = allAt("1.55.0").with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement()
			.extracting(OpenTelemetryIncompatibility::found)
			.isEqualTo("1.55.0");
	}

	@Test
	void comparesIncubatorWithSdkTraceWhenSdkIsAbsent() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.62.0")
			.with(OpenTelemetryArtifact.SDK_TRACE, "1.55.0")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.62.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement()
			.extracting(OpenTelemetryIncompatibility::description)
			.isEqualTo("io.opentelemetry:opentelemetry-api-incubator 1.62.0-alpha is on the classpath, but the "
					+ "OpenTelemetry SDK is 1.55.0: the SDK works only with the incubator of its own version.");
	}

	@Test
	void comparesIncubatorWithApiWhenNoSdkIsPresent() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.62.0")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).singleElement().satisfies((incompatibility) -> {
			assertThat(incompatibility.description()).isEqualTo("io.opentelemetry:opentelemetry-api-incubator "
					+ "1.55.0-alpha is on the classpath, but the OpenTelemetry API is 1.62.0: the API works only with "
					+ "the incubator of its own version.");
			assertThat(incompatibility.fix()).contains("at the API's version", "<version>1.62.0-alpha</version>");
		});
		assertThat(OpenTelemetryCompatibility.check(versions.with(OpenTelemetryArtifact.API_INCUBATOR, "1.62.0-alpha")))
			.isEmpty();
	}

	@Test
	void skipsRulesWhoseVersionsAreUnknown() {
		OpenTelemetryVersions unknownApi = allAt("1.62.0").withUnknownVersion(OpenTelemetryArtifact.API)
			.with(OpenTelemetryArtifact.CONTEXT, "1.45.0");
		assertThat(OpenTelemetryCompatibility.check(unknownApi)).singleElement()
			.extracting(OpenTelemetryIncompatibility::artifact)
			.isEqualTo(OpenTelemetryArtifact.CONTEXT);
		OpenTelemetryVersions unknownSdk = allAt("1.62.0").withUnknownVersion(OpenTelemetryArtifact.SDK)
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(unknownSdk)).isEmpty();
		OpenTelemetryVersions unknownIncubator = allAt("1.62.0")
			.withUnknownVersion(OpenTelemetryArtifact.API_INCUBATOR);
		assertThat(OpenTelemetryCompatibility.check(unknownIncubator)).isEmpty();
		OpenTelemetryVersions allUnknown = OpenTelemetryVersions.none();
		for (OpenTelemetryArtifact artifact : OpenTelemetryArtifact.values()) {
			allUnknown = allUnknown.withUnknownVersion(artifact);
		}
		assertThat(OpenTelemetryCompatibility.check(allUnknown)).isEmpty();
	}

	@Test
	void skipsVersionsThatAreNotMajorMinorPatch() {
		OpenTelemetryVersions versions = allAt("1.62.0").with(OpenTelemetryArtifact.API, "1.45")
			.with(OpenTelemetryArtifact.SDK, "custom-build")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.62.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).isEmpty();
	}

	@Test
	void reportsEveryProblemAtOnce() {
		OpenTelemetryVersions versions = OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.55.0")
			.with(OpenTelemetryArtifact.CONTEXT, "1.45.0")
			.with(OpenTelemetryArtifact.SDK, "1.55.0")
			.with(OpenTelemetryArtifact.SDK_TRACE, "1.62.0")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.49.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).extracting(OpenTelemetryIncompatibility::artifact,
				OpenTelemetryIncompatibility::found, OpenTelemetryIncompatibility::required)
			.containsExactly(tuple(OpenTelemetryArtifact.CONTEXT, "1.45.0", "1.49.0 or later"),
					tuple(OpenTelemetryArtifact.SDK_TRACE, "1.62.0", "1.55.0 or older"),
					tuple(OpenTelemetryArtifact.API_INCUBATOR, "1.49.0-alpha", "1.55.0-alpha"));
	}

	@Test
	void reportsOnlyTheMinimumWhenTheApiIsOlderThanIt() {
		// Once the API is back on the Spring Boot line's version, so is the SDK.
		OpenTelemetryVersions versions = stableAt("1.55.0").with(OpenTelemetryArtifact.API, "1.48.9");
		assertThat(OpenTelemetryCompatibility.check(versions)).extracting(OpenTelemetryIncompatibility::artifact)
			.containsExactly(OpenTelemetryArtifact.API);
		assertThat(OpenTelemetryCompatibility.check(versions.with(OpenTelemetryArtifact.API, "1.49.0")))
			.extracting(OpenTelemetryIncompatibility::artifact)
			.containsExactly(OpenTelemetryArtifact.SDK, OpenTelemetryArtifact.SDK_COMMON,
					OpenTelemetryArtifact.SDK_TRACE, OpenTelemetryArtifact.EXPORTER_OTLP);
	}

	@Test
	void reportsOnlyTheMinimumWhenTheSdkIsOlderThanIt() {
		// Pinning the incubator to the SDK's version would pin it to a version that is too old.
		OpenTelemetryVersions versions = allAt("1.48.9").with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha");
		assertThat(OpenTelemetryCompatibility.check(versions)).extracting(OpenTelemetryIncompatibility::artifact)
			.doesNotContain(OpenTelemetryArtifact.API_INCUBATOR)
			.contains(OpenTelemetryArtifact.SDK);
		assertThat(OpenTelemetryCompatibility.check(allAt("1.49.0").with(OpenTelemetryArtifact.API_INCUBATOR,
				"1.55.0-alpha")))
			.extracting(OpenTelemetryIncompatibility::artifact)
			.containsExactly(OpenTelemetryArtifact.API_INCUBATOR);
	}

	@Test
	void reportsOnlyTheSdkWhenItIsNewerThanTheApi() {
		// Pinning the incubator to the SDK's version would pin it to the version that is wrong.
		OpenTelemetryVersions versions = allAt("1.55.0").with(OpenTelemetryArtifact.SDK, "1.62.0");
		assertThat(OpenTelemetryCompatibility.check(versions)).extracting(OpenTelemetryIncompatibility::artifact)
			.containsExactly(OpenTelemetryArtifact.SDK);
		assertThat(OpenTelemetryCompatibility.check(versions.with(OpenTelemetryArtifact.API, "1.62.0")))
			.extracting(OpenTelemetryIncompatibility::artifact)
			.containsExactly(OpenTelemetryArtifact.API_INCUBATOR);
	}

	private static OpenTelemetryVersions allAt(String version) {
		return stableAt(version).with(OpenTelemetryArtifact.API_INCUBATOR, version + "-alpha");
	}

	private static OpenTelemetryVersions stableAt(String version) {
		OpenTelemetryVersions versions = OpenTelemetryVersions.none();
		for (OpenTelemetryArtifact artifact : OpenTelemetryArtifact.values()) {
			if (artifact != OpenTelemetryArtifact.API_INCUBATOR) {
				versions = versions.with(artifact, version);
			}
		}
		return versions;
	}

}
