package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Map;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * One OTLP trace export request an OTLP fake accepted: its headers and the decoded body.
 *
 * @param headers the HTTP headers or gRPC metadata, read-only, case-insensitive keys; repeated values joined by commas
 * @param request the decoded (and, if need be, decompressed) request
 */
public record ReceivedExport(Map<String, String> headers, ExportTraceServiceRequest request) {

	/**
	 * Returns the value of a header, looked up case-insensitively, or {@code null}.
	 */
	public String header(String name) {
		return this.headers.get(name);
	}

}
