package dev.cloudtrace.autoconfigure.export;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Creates the standard OTLP span exporters of {@code opentelemetry-exporter-otlp}, retrying
 * transient failures (HTTP 429, 502, 503, 504, gRPC UNAVAILABLE and the like, connection
 * errors and timeouts) with backoff within the export timeout.
 * <p>
 * The exporters reuse their marshalling buffers ({@link MemoryMode#REUSABLE_DATA}): an export
 * of 512 spans then allocates 87 KB instead of 602 KB, in the same time
 * ({@code ExportBenchmark}, docs/performance.md).
 * <p>
 * OTLP/HTTP exporters are built on their first export ({@link DeferredSpanExporter}), which
 * keeps the creation of their HTTP client off startup. gRPC exporters are built at once, so
 * that a missing gRPC sender fails at startup.
 */
final class OtlpSpanExporters {

	private OtlpSpanExporters() {
	}

	/**
	 * Creates an exporter.
	 * @param prefix the property prefix of its settings, for error messages
	 * @param endpoint the base URL
	 * @param protocol the protocol
	 * @param timeout the time one export may take, retries included
	 * @param compression the compression
	 * @param headers supplies the headers of each request
	 * @return the exporter
	 */
	static SpanExporter create(String prefix, URI endpoint, OtlpProtocol protocol, Duration timeout,
			Compression compression, Supplier<Map<String, String>> headers) {
		String compressionMethod = compression.name().toLowerCase(Locale.ROOT);
		if (protocol == OtlpProtocol.HTTP_PROTOBUF) {
			String tracesUrl = OtlpEndpoints.tracesUrl(endpoint);
			OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
				.setEndpoint(tracesUrl)
				.setTimeout(timeout)
				.setCompression(compressionMethod)
				.setHeaders(headers)
				.setRetryPolicy(retryPolicy(timeout))
				.setMemoryMode(MemoryMode.REUSABLE_DATA);
			return new DeferredSpanExporter(builder::build, "OtlpHttpSpanExporter{endpoint=" + tracesUrl
					+ ", compression=" + compressionMethod + ", timeout=" + timeout + "}");
		}
		try {
			return OtlpGrpcSpanExporter.builder()
				.setEndpoint(endpoint.toString())
				.setTimeout(timeout)
				.setCompression(compressionMethod)
				.setHeaders(headers)
				.setRetryPolicy(retryPolicy(timeout))
				.setMemoryMode(MemoryMode.REUSABLE_DATA)
				.build();
		}
		catch (IllegalStateException ex) {
			throw new InvalidCloudTracePropertyException(prefix + ".protocol", "grpc",
					"grpc needs a gRPC sender on the classpath: add io.opentelemetry:opentelemetry-exporter-sender-okhttp "
							+ "(or opentelemetry-exporter-sender-grpc-managed-channel), or use http/protobuf.");
		}
	}

	/**
	 * Returns the retry policy for exports that may take {@code timeout} in all. The
	 * senders give each attempt what is left of the timeout and stop retrying once it has
	 * passed, but they check only after sleeping, so one backoff (up to 1.2 times the
	 * maximum, with jitter) can overrun it: keeping the maximum backoff to a sixth of the
	 * timeout bounds that overrun, and OpenTelemetry's defaults (1 s growing by 1.5 to 5 s,
	 * 5 attempts) apply to timeouts of 30 s and more.
	 * @param timeout the time one export may take, retries included
	 * @return the retry policy
	 */
	static RetryPolicy retryPolicy(Duration timeout) {
		Duration maxBackoff = min(Duration.ofSeconds(5), timeout.dividedBy(6));
		return RetryPolicy.builder()
			.setMaxAttempts(5)
			.setInitialBackoff(min(Duration.ofSeconds(1), maxBackoff))
			.setMaxBackoff(maxBackoff)
			.setBackoffMultiplier(1.5)
			.build();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
