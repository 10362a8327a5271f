package dev.cloudtrace.autoconfigure.export;

/**
 * Transport of OTLP export requests.
 */
public enum OtlpProtocol {

	/**
	 * Protobuf over HTTP ('http/protobuf'), sent with the JDK's HTTP client.
	 */
	HTTP_PROTOBUF,

	/**
	 * gRPC; needs a gRPC sender such as
	 * io.opentelemetry:opentelemetry-exporter-sender-okhttp on the classpath.
	 */
	GRPC

}
