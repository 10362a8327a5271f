package dev.cloudtrace.autoconfigure.export;

/**
 * Where finished spans are sent.
 */
public enum ExporterType {

	/**
	 * Google Cloud Trace through the Telemetry API (OTLP), authenticated with Google
	 * credentials.
	 */
	CLOUD_TRACE,

	/**
	 * Google Cloud Trace through the legacy Cloud Trace v2 API; needs
	 * com.google.cloud.opentelemetry:exporter-trace on the classpath.
	 */
	CLOUD_TRACE_V2,

	/**
	 * Any OTLP receiver, such as an OpenTelemetry Collector.
	 */
	OTLP,

	/**
	 * The console: each finished trace printed as a tree.
	 */
	LOGGING,

	/**
	 * Nowhere.
	 */
	NONE

}
