package dev.cloudtrace.autoconfigure.testsupport;

import java.util.List;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Finished spans to hand straight to an exporter in the fakes' own tests.
 */
final class TestSpans {

	static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private TestSpans() {
	}

	static List<SpanData> one(String name) {
		return List.of(TestSpanData.builder()
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setSpanContext(SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
					TraceState.getDefault()))
			.setStartEpochNanos(1_000)
			.setEndEpochNanos(2_000)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.build());
	}

}
