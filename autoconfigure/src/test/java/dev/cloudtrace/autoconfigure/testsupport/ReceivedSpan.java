package dev.cloudtrace.autoconfigure.testsupport;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.SpanKind;

/**
 * One span as an OTLP fake decoded it from the wire, with the headers of the request that carried it.
 *
 * @param traceId the trace id, 32 lowercase hex digits
 * @param spanId the span id, 16 lowercase hex digits
 * @param parentSpanId the parent's span id in hex, {@code null} for a root span
 * @param name the span name
 * @param kind the span kind, {@code null} when the wire said unspecified
 * @param attributes the span attributes: {@code String}, {@code Boolean}, {@code Long}, {@code Double},
 * {@code byte[]}, {@code List} or {@code Map} values, in wire order
 * @param resourceAttributes the attributes of the span's resource, converted the same way
 * @param scopeName the instrumentation scope name
 * @param statusCode {@code UNSET}, {@code OK} or {@code ERROR}, as in the OpenTelemetry API's {@code StatusCode}
 * @param statusMessage the status description, empty when none
 * @param eventNames the names of the span events, in order
 * @param startNanos the start time in nanoseconds since the epoch
 * @param endNanos the end time in nanoseconds since the epoch
 * @param requestHeaders the request's headers (gRPC metadata for gRPC), read-only, case-insensitive keys
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
		Map<String, Object> attributes, Map<String, Object> resourceAttributes, String scopeName, String statusCode,
		String statusMessage, List<String> eventNames, long startNanos, long endNanos,
		Map<String, String> requestHeaders) {

	/**
	 * Returns the value of a request header, looked up case-insensitively, or {@code null}.
	 */
	public String requestHeader(String name) {
		return this.requestHeaders.get(name);
	}

}
