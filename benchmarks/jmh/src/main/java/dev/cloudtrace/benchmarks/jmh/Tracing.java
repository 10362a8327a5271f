package dev.cloudtrace.benchmarks.jmh;

import java.util.Collection;
import java.util.List;

import dev.cloudtrace.autoconfigure.propagation.ContextPropagatorsFactory;
import dev.cloudtrace.autoconfigure.propagation.PropagationType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Trace context and exporter shared by the benchmarks.
 */
final class Tracing {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String SPAN_ID = "00f067aa0ba902b7";

	static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	/**
	 * The default propagation types of the starter ({@code cloudtrace.propagation.types}).
	 */
	static final List<PropagationType> DEFAULT_PROPAGATION = List.of(PropagationType.TRACECONTEXT,
			PropagationType.BAGGAGE, PropagationType.CLOUD_TRACE);

	private Tracing() {
	}

	static ContextPropagators propagators() {
		return ContextPropagatorsFactory.create(DEFAULT_PROPAGATION, true, Tracing.class.getClassLoader());
	}

	/**
	 * A sampled remote parent, as extracted from the {@code traceparent} of an incoming call.
	 * @return a context holding it
	 */
	static Context remoteParent() {
		return Context.root()
			.with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
					TraceState.getDefault())));
	}

	/**
	 * Exports nowhere.
	 */
	static final class DiscardingSpanExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
