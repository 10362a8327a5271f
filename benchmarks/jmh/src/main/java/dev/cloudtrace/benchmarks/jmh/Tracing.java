package dev.cloudtrace.benchmarks.jmh;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import dev.cloudtrace.autoconfigure.propagation.ContextPropagatorsFactory;
import dev.cloudtrace.autoconfigure.propagation.PropagationType;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSampler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OpenTelemetry SDK as the starter builds it with its defaults (every trace sampled, a
 * batch span processor, the {@code tracecontext, baggage, cloud-trace} propagators), exporting
 * to an exporter that discards the spans.
 */
final class Tracing {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String SPAN_ID = "00f067aa0ba902b7";

	/**
	 * The default propagation types of the starter ({@code cloudtrace.propagation.types}).
	 */
	static final List<PropagationType> DEFAULT_PROPAGATION = List.of(PropagationType.TRACECONTEXT,
			PropagationType.BAGGAGE, PropagationType.CLOUD_TRACE);

	private Tracing() {
	}

	static ContextPropagators propagators() {
		return ContextPropagatorsFactory.create(DEFAULT_PROPAGATION, Tracing.class.getClassLoader());
	}

	static OpenTelemetrySdk sdk() {
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setResource(Resource.getDefault()
				.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "bench"))))
			.setSampler(CloudTraceSampler.create(1.0))
			.setSpanLimits(SpanLimits.getDefault())
			.addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build())
			.build();
		return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).setPropagators(propagators()).build();
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
	 * Exports nowhere; counts what it is given.
	 */
	static final class DiscardingSpanExporter implements SpanExporter {

		final LongAdder exported = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exported.add(spans.size());
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
