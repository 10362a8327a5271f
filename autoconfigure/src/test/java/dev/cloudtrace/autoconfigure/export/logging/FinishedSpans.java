package dev.cloudtrace.autoconfigure.export.logging;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Finished spans built by hand, for testing the trace buffer and the renderer alone.
 */
final class FinishedSpans {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private FinishedSpans() {
	}

	/**
	 * A span of {@link #TRACE_ID} or another trace.
	 * @param traceId the trace
	 * @param spanId the span, 16 hex digits
	 * @param parentSpanId the parent, or {@code null} for a root
	 * @param remoteParent whether the parent is in another process
	 * @param name the span's name
	 * @param startMillis start, in milliseconds since an arbitrary origin
	 * @param endMillis end, in the same
	 * @param status the status
	 * @return the span
	 */
	static SpanData span(String traceId, String spanId, String parentSpanId, boolean remoteParent, String name,
			long startMillis, long endMillis, StatusData status) {
		SpanContext parent = (parentSpanId == null) ? SpanContext.getInvalid()
				: remoteParent
						? SpanContext.createFromRemoteParent(traceId, parentSpanId, TraceFlags.getSampled(),
								TraceState.getDefault())
						: SpanContext.create(traceId, parentSpanId, TraceFlags.getSampled(), TraceState.getDefault());
		return TestSpanData.builder()
			.setName(name)
			.setKind((parentSpanId == null || remoteParent) ? SpanKind.SERVER : SpanKind.INTERNAL)
			.setSpanContext(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext(parent)
			.setResource(Resource.create(Attributes.builder().put("service.name", "shop").build()))
			.setStartEpochNanos(startMillis * 1_000_000)
			.setEndEpochNanos(endMillis * 1_000_000)
			.setHasEnded(true)
			.setStatus(status)
			.build();
	}

	static SpanData root(String spanId, String name) {
		return span(TRACE_ID, spanId, null, false, name, 0, 10, StatusData.unset());
	}

	static SpanData child(String spanId, String parentSpanId, String name) {
		return span(TRACE_ID, spanId, parentSpanId, false, name, 2, 8, StatusData.unset());
	}

}
