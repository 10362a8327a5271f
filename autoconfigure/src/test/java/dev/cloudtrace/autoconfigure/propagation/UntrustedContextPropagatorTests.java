package dev.cloudtrace.autoconfigure.propagation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSampler;
import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UntrustedContextPropagator} and {@link IncomingContextLinkProcessor}.
 */
class UntrustedContextPropagatorTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private final TextMapPropagator propagator = ContextPropagatorsFactory
		.create(List.of(PropagationType.TRACECONTEXT, PropagationType.BAGGAGE, PropagationType.CLOUD_TRACE), false,
				getClass().getClassLoader())
		.getTextMapPropagator();

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	@Test
	void keepsIncomingSpanContextOutOfTheParentSlot() {
		Context extracted = extract(Map.of("traceparent", TRACEPARENT, "tracestate", "a=1"));
		assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
		SpanContext incoming = UntrustedContextPropagator.incomingSpanContext(extracted);
		assertThat(incoming.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(incoming.getSpanId()).isEqualTo(SPAN_ID);
		assertThat(incoming.isSampled()).isTrue();
		assertThat(incoming.isRemote()).isTrue();
		assertThat(incoming.getTraceState().get("a")).isEqualTo("1");
	}

	@Test
	void dropsIncomingBaggage() {
		Context extracted = extract(Map.of("traceparent", TRACEPARENT, "baggage", "role=admin"));
		assertThat(Baggage.fromContext(extracted).isEmpty()).isTrue();
		assertThat(extract(Map.of("baggage", "role=admin"))).isSameAs(Context.root());
	}

	@Test
	void dropsOpenSamplingDecisionOfCloudTraceHeader() {
		Context extracted = extract(Map.of("x-cloud-trace-context", TRACE_ID + "/1"));
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(extracted)).isFalse();
		assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
		assertThat(UntrustedContextPropagator.incomingSpanContext(extracted).getTraceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void returnsGivenContextWhenNothingValidArrives() {
		Context context = Context.root();
		assertThat(extract(Map.of())).isSameAs(context);
		assertThat(extract(Map.of("traceparent", "garbage"))).isSameAs(context);
		assertThat(this.propagator.extract(null, Map.of(), MapGetter.INSTANCE)).isSameAs(Context.root());
		assertThat(UntrustedContextPropagator.incomingSpanContext(null)).isNull();
		assertThat(UntrustedContextPropagator.incomingSpanContext(context)).isNull();
	}

	@Test
	void injectsTheCurrentTrace() {
		SpanContext local = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault());
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(Context.root().with(Span.wrap(local)), headers, Map::put);
		assertThat(headers).containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.containsKey("x-cloud-trace-context");
		assertThat(this.propagator.fields()).contains("traceparent", "baggage", "x-cloud-trace-context");
	}

	@Test
	void rootSpanStartsNewTraceLinkedToIncomingContext() {
		try (SdkTracerProvider provider = tracerProvider(1.0)) {
			Tracer tracer = provider.get("test");
			Context extracted = extract(Map.of("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-00"));
			Span server = tracer.spanBuilder("server").setSpanKind(SpanKind.SERVER).setParent(extracted).startSpan();
			try (Scope ignored = extracted.with(server).makeCurrent()) {
				tracer.spanBuilder("child").startSpan().end();
			}
			server.end();
			SpanData serverSpan = span("server");
			assertThat(serverSpan.getTraceId()).isNotEqualTo(TRACE_ID);
			assertThat(serverSpan.getParentSpanContext().isValid()).isFalse();
			assertThat(serverSpan.getLinks()).hasSize(1);
			assertThat(serverSpan.getLinks().get(0).getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
			assertThat(serverSpan.getLinks().get(0).getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
			SpanData child = span("child");
			assertThat(child.getParentSpanId()).isEqualTo(serverSpan.getSpanId());
			assertThat(child.getLinks()).isEmpty();
		}
	}

	@Test
	void sampledFlagOfIncomingContextDoesNotForceRecording() {
		try (SdkTracerProvider provider = tracerProvider(0.0)) {
			Context extracted = extract(Map.of("traceparent", TRACEPARENT));
			Span server = provider.get("test")
				.spanBuilder("server")
				.setSpanKind(SpanKind.SERVER)
				.setParent(extracted)
				.startSpan();
			server.end();
			assertThat(server.getSpanContext().isSampled()).isFalse();
			assertThat(server.getSpanContext().getTraceId()).isNotEqualTo(TRACE_ID);
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		}
	}

	private SdkTracerProvider tracerProvider(double probability) {
		return SdkTracerProvider.builder()
			.setSampler(CloudTraceSampler.create(probability))
			.addSpanProcessor(new IncomingContextLinkProcessor())
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build();
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private Context extract(Map<String, String> headers) {
		return this.propagator.extract(Context.root(), headers, MapGetter.INSTANCE);
	}

}
