package dev.cloudtrace.autoconfigure.compatibility;

/**
 * The OpenTelemetry artifacts whose versions the starter checks, each with a class that
 * every version of it from 1.49.0 on holds, in a package that no other artifact shares.
 */
public enum OpenTelemetryArtifact {

	/**
	 * {@code io.opentelemetry:opentelemetry-api}.
	 */
	API("opentelemetry-api", "OpenTelemetry API", "io.opentelemetry.api.OpenTelemetry"),

	/**
	 * {@code io.opentelemetry:opentelemetry-context}.
	 */
	CONTEXT("opentelemetry-context", "OpenTelemetry context", "io.opentelemetry.context.Context"),

	/**
	 * {@code io.opentelemetry:opentelemetry-sdk}.
	 */
	SDK("opentelemetry-sdk", "OpenTelemetry SDK", "io.opentelemetry.sdk.OpenTelemetrySdkBuilder"),

	/**
	 * {@code io.opentelemetry:opentelemetry-sdk-common}.
	 */
	SDK_COMMON("opentelemetry-sdk-common", "OpenTelemetry SDK (common)",
			"io.opentelemetry.sdk.common.CompletableResultCode"),

	/**
	 * {@code io.opentelemetry:opentelemetry-sdk-trace}.
	 */
	SDK_TRACE("opentelemetry-sdk-trace", "OpenTelemetry SDK (trace)",
			"io.opentelemetry.sdk.trace.SdkTracerProviderBuilder"),

	/**
	 * {@code io.opentelemetry:opentelemetry-exporter-otlp}.
	 */
	EXPORTER_OTLP("opentelemetry-exporter-otlp", "OpenTelemetry OTLP exporter",
			"io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder"),

	/**
	 * {@code io.opentelemetry:opentelemetry-api-incubator}, an alpha artifact that is usually
	 * absent.
	 */
	API_INCUBATOR("opentelemetry-api-incubator", "OpenTelemetry API incubator",
			"io.opentelemetry.api.incubator.config.DeclarativeConfigException");

	private final String artifactId;

	private final String displayName;

	private final String className;

	OpenTelemetryArtifact(String artifactId, String displayName, String className) {
		this.artifactId = artifactId;
		this.displayName = displayName;
		this.className = className;
	}

	/**
	 * Return the Maven coordinates of the artifact, without a version.
	 * @return the coordinates, such as {@code io.opentelemetry:opentelemetry-api}
	 */
	public String getCoordinates() {
		return "io.opentelemetry:" + this.artifactId;
	}

	/**
	 * Return the name of the artifact in a sentence.
	 * @return the name, such as {@code OpenTelemetry API}
	 */
	public String getDisplayName() {
		return this.displayName;
	}

	/**
	 * Return the name of a class that every version of the artifact holds. Its supertypes
	 * are the JDK's, so that loading it cannot fail on a missing OpenTelemetry class.
	 * @return the fully qualified class name
	 */
	public String getClassName() {
		return this.className;
	}

}
