package dev.cloudtrace.autoconfigure.testsupport;

import java.util.List;
import java.util.Map;

import com.google.devtools.cloudtrace.v2.Span;

/**
 * One call {@link FakeCloudTraceV2} accepted: {@code BatchWriteSpans} or {@code CreateSpan}.
 *
 * @param method {@code BatchWriteSpans} or {@code CreateSpan}
 * @param projectName the {@code name} of a batch, {@code projects/PROJECT}; {@code null} for {@code CreateSpan}
 * @param headers the call's gRPC metadata, read-only, case-insensitive keys
 * @param spans the spans as received
 */
public record CloudTraceRequest(String method, String projectName, Map<String, String> headers, List<Span> spans) {

	/**
	 * Returns the value of a header, looked up case-insensitively, or {@code null}.
	 */
	public String header(String name) {
		return this.headers.get(name);
	}

}
