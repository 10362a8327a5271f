package dev.cloudtrace.autoconfigure.export;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Creates the standard OTLP span exporters of {@code opentelemetry-exporter-otlp}.
 */
final class OtlpSpanExporters {

	private OtlpSpanExporters() {
	}

	/**
	 * Creates an exporter.
	 * @param prefix the property prefix of its settings, for error messages
	 * @param endpoint the base URL
	 * @param protocol the protocol
	 * @param timeout the timeout of one export
	 * @param compression the compression
	 * @param headers supplies the headers of each request
	 * @return the exporter
	 */
	static SpanExporter create(String prefix, URI endpoint, OtlpProtocol protocol, Duration timeout,
			Compression compression, Supplier<Map<String, String>> headers) {
		String compressionMethod = compression.name().toLowerCase(Locale.ROOT);
		if (protocol == OtlpProtocol.HTTP_PROTOBUF) {
			return OtlpHttpSpanExporter.builder()
				.setEndpoint(OtlpEndpoints.tracesUrl(endpoint))
				.setTimeout(timeout)
				.setCompression(compressionMethod)
				.setHeaders(headers)
				.build();
		}
		try {
			return OtlpGrpcSpanExporter.builder()
				.setEndpoint(endpoint.toString())
				.setTimeout(timeout)
				.setCompression(compressionMethod)
				.setHeaders(headers)
				.build();
		}
		catch (IllegalStateException ex) {
			throw new InvalidCloudTracePropertyException(prefix + ".protocol", "grpc",
					"grpc needs a gRPC sender on the classpath: add io.opentelemetry:opentelemetry-exporter-sender-okhttp "
							+ "(or opentelemetry-exporter-sender-grpc-managed-channel), or use http/protobuf.");
		}
	}

}
