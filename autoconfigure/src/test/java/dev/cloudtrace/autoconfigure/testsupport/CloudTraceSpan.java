package dev.cloudtrace.autoconfigure.testsupport;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.SpanKind;

/**
 * One Cloud Trace v2 span as {@link FakeCloudTraceV2} received it, with the metadata of the call that carried it.
 *
 * @param name the resource name, {@code projects/PROJECT/traces/TRACE/spans/SPAN}
 * @param projectId the project of the resource name
 * @param traceId the trace id of the resource name, 32 hex digits
 * @param spanId the {@code span_id} field, 16 hex digits
 * @param parentSpanId the parent span id, {@code null} for a root span
 * @param displayName the display name (what Cloud Trace shows as the span name)
 * @param kind the span kind, {@code null} when the wire said unspecified
 * @param attributes the attributes as {@code String}, {@code Long} or {@code Boolean} values
 * @param statusCode the {@code google.rpc.Code} value of the status, {@code 0} (OK) when absent
 * @param statusMessage the status message, empty when none
 * @param annotations the descriptions of the span's annotations (its events), in order
 * @param startNanos the start time in nanoseconds since the epoch
 * @param endNanos the end time in nanoseconds since the epoch
 * @param requestHeaders the call's gRPC metadata, read-only, case-insensitive keys
 */
public record CloudTraceSpan(String name, String projectId, String traceId, String spanId, String parentSpanId,
		String displayName, SpanKind kind, Map<String, Object> attributes, int statusCode, String statusMessage,
		List<String> annotations, long startNanos, long endNanos, Map<String, String> requestHeaders) {

	/**
	 * Returns the value of a request header, looked up case-insensitively, or {@code null}.
	 */
	public String requestHeader(String name) {
		return this.requestHeaders.get(name);
	}

}
