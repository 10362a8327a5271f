package dev.cloudtrace.autoconfigure.compatibility;

/**
 * One way in which the OpenTelemetry artifacts on the classpath do not work with the starter
 * or with each other.
 *
 * @param artifact the artifact whose version is wrong
 * @param found the version of it that was found, such as {@code 1.45.0}
 * @param required the version that is needed, such as {@code 1.49.0 or later}
 * @param description a sentence that says what was found and what is needed
 * @param fix a sentence that says how to fix it
 */
public record OpenTelemetryIncompatibility(OpenTelemetryArtifact artifact, String found, String required,
		String description, String fix) {

}
