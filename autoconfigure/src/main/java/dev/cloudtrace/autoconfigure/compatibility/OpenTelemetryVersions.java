package dev.cloudtrace.autoconfigure.compatibility;

import java.security.CodeSource;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The versions of the OpenTelemetry artifacts on a class loader, read from the
 * {@code Implementation-Version} of their jars' manifests.
 * <p>
 * An artifact is present when its {@link OpenTelemetryArtifact#getClassName() class} can
 * be loaded. The class is loaded without being initialised, and its supertypes are the JDK's,
 * so reading works even when OpenTelemetry itself is broken. A present artifact's version is
 * unknown when its jar's manifest names none, or when one jar holds the classes of several
 * artifacts: such a jar is a shaded one, whose manifest is not OpenTelemetry's.
 */
public final class OpenTelemetryVersions {

	private static final OpenTelemetryVersions NONE = new OpenTelemetryVersions(
			EnumSet.noneOf(OpenTelemetryArtifact.class), new EnumMap<>(OpenTelemetryArtifact.class));

	private final Set<OpenTelemetryArtifact> present;

	private final Map<OpenTelemetryArtifact, String> versions;

	private OpenTelemetryVersions(Set<OpenTelemetryArtifact> present, Map<OpenTelemetryArtifact, String> versions) {
		this.present = present;
		this.versions = versions;
	}

	/**
	 * Read the versions of the OpenTelemetry artifacts that a class loader sees.
	 * @param classLoader the class loader, or {@code null} for the bootstrap class loader
	 * @return the versions
	 */
	public static OpenTelemetryVersions read(@Nullable ClassLoader classLoader) {
		Map<OpenTelemetryArtifact, Class<?>> classes = new EnumMap<>(OpenTelemetryArtifact.class);
		for (OpenTelemetryArtifact artifact : OpenTelemetryArtifact.values()) {
			Class<?> type = load(artifact.getClassName(), classLoader);
			if (type != null) {
				classes.put(artifact, type);
			}
		}
		Map<String, Long> artifactsPerJar = classes.values()
			.stream()
			.map(OpenTelemetryVersions::jar)
			.filter(Objects::nonNull)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		OpenTelemetryVersions versions = none();
		for (Map.Entry<OpenTelemetryArtifact, Class<?>> entry : classes.entrySet()) {
			String jar = jar(entry.getValue());
			Package definedPackage = entry.getValue().getPackage();
			String version = (definedPackage != null) ? definedPackage.getImplementationVersion() : null;
			boolean shaded = jar != null && artifactsPerJar.get(jar) > 1;
			versions = (version != null && !shaded) ? versions.with(entry.getKey(), version)
					: versions.withUnknownVersion(entry.getKey());
		}
		return versions;
	}

	/**
	 * Return versions in which no artifact is present, to build on with
	 * {@link #with(OpenTelemetryArtifact, String)}.
	 * @return versions without any artifact
	 */
	public static OpenTelemetryVersions none() {
		return NONE;
	}

	/**
	 * Return a copy of these versions in which an artifact is present at a version.
	 * @param artifact the artifact
	 * @param version its version, such as {@code 1.55.0}
	 * @return the new versions
	 */
	public OpenTelemetryVersions with(OpenTelemetryArtifact artifact, String version) {
		Map<OpenTelemetryArtifact, String> versions = new EnumMap<>(OpenTelemetryArtifact.class);
		versions.putAll(this.versions);
		versions.put(artifact, version);
		return new OpenTelemetryVersions(withPresent(artifact), versions);
	}

	/**
	 * Return a copy of these versions in which an artifact is present at an unknown version.
	 * @param artifact the artifact
	 * @return the new versions
	 */
	public OpenTelemetryVersions withUnknownVersion(OpenTelemetryArtifact artifact) {
		Map<OpenTelemetryArtifact, String> versions = new EnumMap<>(OpenTelemetryArtifact.class);
		versions.putAll(this.versions);
		versions.remove(artifact);
		return new OpenTelemetryVersions(withPresent(artifact), versions);
	}

	/**
	 * Return whether an artifact is present.
	 * @param artifact the artifact
	 * @return whether it is present, whether or not its version is known
	 */
	public boolean isPresent(OpenTelemetryArtifact artifact) {
		return this.present.contains(artifact);
	}

	/**
	 * Return the version of an artifact.
	 * @param artifact the artifact
	 * @return its version, or {@code null} when it is absent or its version is unknown
	 */
	public @Nullable String getVersion(OpenTelemetryArtifact artifact) {
		return this.versions.get(artifact);
	}

	private Set<OpenTelemetryArtifact> withPresent(OpenTelemetryArtifact artifact) {
		Set<OpenTelemetryArtifact> present = EnumSet.of(artifact);
		present.addAll(this.present);
		return present;
	}

	private static @Nullable Class<?> load(String className, @Nullable ClassLoader classLoader) {
		try {
			return Class.forName(className, false, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// A class that cannot even be loaded leaves no version to read.
			return null;
		}
	}

	private static @Nullable String jar(Class<?> type) {
		CodeSource codeSource = type.getProtectionDomain().getCodeSource();
		return (codeSource != null && codeSource.getLocation() != null) ? codeSource.getLocation().toExternalForm()
				: null;
	}

	@Override
	public String toString() {
		StringJoiner joiner = new StringJoiner(", ", "{", "}");
		this.present.forEach((artifact) -> joiner.add(artifact.getCoordinates() + ":"
				+ this.versions.getOrDefault(artifact, "unknown")));
		return joiner.toString();
	}

}
