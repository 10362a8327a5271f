package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.cloudtrace.autoconfigure.propagation.XCloudTraceContextPropagator;
import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloudTraceSampler}.
 */
class CloudTraceSamplerTests {

	private static final String HEADER = "x-cloud-trace-context";

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID_12345 = "0000000000003039";

	private static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
			W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance(),
			XCloudTraceContextPropagator.getInstance());

	private static final TextMapPropagator CLOUD_TRACE_FIRST = TextMapPropagator.composite(
			XCloudTraceContextPropagator.getInstance(), W3CTraceContextPropagator.getInstance(),
			W3CBaggagePropagator.getInstance());

	@Test
	void followsSampledCloudHeaderWhateverTheProbability() {
		SpanData span = recordedChild(0.0, Map.of(HEADER, TRACE_ID + "/12345;o=1"));
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID_12345);
		assertThat(span.getParentSpanContext().isRemote()).isTrue();
	}

	@Test
	void followsUnsampledCloudHeaderWhateverTheProbability() {
		assertThat(children(1.0, PROPAGATOR, Map.of(HEADER, TRACE_ID + "/12345;o=0"))).isEmpty();
	}

	@Test
	void letsProbabilityRecordCloudHeaderWithoutOptions() {
		SpanData span = recordedChild(1.0, Map.of(HEADER, TRACE_ID + "/12345"));
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID_12345);
	}

	@Test
	void letsProbabilityDropCloudHeaderWithoutOptions() {
		assertThat(children(0.0, PROPAGATOR, Map.of(HEADER, TRACE_ID + "/12345"))).isEmpty();
	}

	@Test
	void continuesTraceIdOnlyCloudHeaderWhenProbabilityRecords() {
		SpanData span = recordedChild(1.0, Map.of(HEADER, TRACE_ID));
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanContext().isValid()).isTrue();
		assertThat(span.getParentSpanContext().isRemote()).isTrue();
		assertThat(span.getParentSpanId()).isNotEqualTo("0".repeat(16));
	}

	@Test
	void letsProbabilityDropTraceIdOnlyCloudHeader() {
		assertThat(children(0.0, PROPAGATOR, Map.of(HEADER, TRACE_ID))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000003039-00",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00" })
	void unsampledTraceparentWinsOverCloudHeaderWithoutOptions(String traceparent) {
		Map<String, String> carrier = Map.of("traceparent", traceparent, HEADER, TRACE_ID + "/12345");
		assertThat(children(1.0, PROPAGATOR, carrier)).isEmpty();
		assertThat(children(1.0, CLOUD_TRACE_FIRST, carrier)).isEmpty();
	}

	@Test
	void sampledTraceparentWinsOverCloudHeaderWithoutOptions() {
		Map<String, String> carrier = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
				HEADER, TRACE_ID + "/12345");
		SpanData span = recordedChild(0.0, carrier);
		assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
	}

	@Test
	void recordsNewTraceWhenProbabilityIsOne() {
		List<SpanData> spans = children(1.0, PROPAGATOR, Map.of());
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getParentSpanContext().isValid()).isFalse();
			assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
		});
	}

	@Test
	void dropsNewTraceWhenProbabilityIsZero() {
		assertThat(children(0.0, PROPAGATOR, Map.of())).isEmpty();
	}

	@Test
	void followsLocalParentUnderUndecidedRemoteParentInsteadOfProbability() {
		Context undecided = PROPAGATOR.extract(Context.root(), Map.of(HEADER, TRACE_ID + "/12345"), MapGetter.INSTANCE);
		assertThat(XCloudTraceContextPropagator.isSamplingUndecided(undecided)).isTrue();
		Span sampledLocalParent = Span.wrap(SpanContext.create(TRACE_ID, "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault()));
		assertThat(childrenOf(0.0, undecided.with(sampledLocalParent))).singleElement()
			.satisfies((span) -> assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331"));
	}

	@Test
	void decidesUndecidedParentByTraceIdLikeTheRatioSampler() {
		assertDecidesLikeTheRatioSampler(CloudTraceSampler.create(0.5), 7L,
				(traceId) -> Map.of(HEADER, traceId + "/12345"));
	}

	@Test
	void describesParentBasedAndUndecidedBehaviour() {
		Sampler sampler = CloudTraceSampler.create(0.25);
		assertThat(sampler).isInstanceOf(CloudTraceSampler.class);
		assertThat(sampler.getDescription()).startsWith("CloudTraceSampler{")
			.contains(Sampler.parentBased(Sampler.traceIdRatioBased(0.25)).getDescription())
			.contains("undecidedRemoteParent:" + Sampler.traceIdRatioBased(0.25).getDescription());
		assertThat(sampler).hasToString(sampler.getDescription());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "traceparent", "x-cloud-trace-context" })
	void decidesUnsampledRemoteParentAtProbabilityOneKeepingItsTrace(String header) {
		SpanData span = recordedChild(deciding(1.0), unsampledParent(header));
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID_12345);
		assertThat(span.getParentSpanContext().isRemote()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "traceparent", "x-cloud-trace-context" })
	void decidesUnsampledRemoteParentAtProbabilityZero(String header) {
		assertThat(children(deciding(0.0), PROPAGATOR, unsampledParent(header))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "traceparent", "x-cloud-trace-context" })
	void followsUnsampledRemoteParentWhenAskedToWhateverTheProbability(String header) {
		assertThat(children(following(1.0), PROPAGATOR, unsampledParent(header))).isEmpty();
		assertThat(children(following(0.0), PROPAGATOR, unsampledParent(header))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000003039-01",
			"4bf92f3577b34da6a3ce929d0e0e4736/12345;o=1" })
	void followsSampledRemoteParentWhenDecidingAtProbabilityZero(String value) {
		String header = value.startsWith("00-") ? "traceparent" : HEADER;
		SpanData span = recordedChild(deciding(0.0), Map.of(header, value));
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID_12345);
	}

	@Test
	void followsLocalParentsWhenDeciding() {
		Span sampledLocal = Span.wrap(SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(),
				TraceState.getDefault()));
		Span unsampledLocal = Span.wrap(SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getDefault(),
				TraceState.getDefault()));
		assertThat(childrenOf(deciding(0.0), Context.root().with(sampledLocal))).singleElement()
			.satisfies((span) -> assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331"));
		assertThat(childrenOf(deciding(1.0), Context.root().with(unsampledLocal))).isEmpty();
	}

	@Test
	void decidesCloudHeaderWithoutOptionsWhenDecidingOrFollowing() {
		Map<String, String> undecided = Map.of(HEADER, TRACE_ID + "/12345");
		for (RemoteParentNotSampled mode : RemoteParentNotSampled.values()) {
			assertThat(recordedChild(CloudTraceSampler.create(1.0, mode), undecided).getTraceId()).as(mode.name())
				.isEqualTo(TRACE_ID);
			assertThat(children(CloudTraceSampler.create(0.0, mode), PROPAGATOR, undecided)).as(mode.name()).isEmpty();
		}
	}

	@Test
	void decidesUnsampledParentByTraceIdLikeTheRatioSampler() {
		// What keeps services that decide with the same probability consistent: the same trace
		// id gets the same answer wherever it is decided, parent or not.
		assertDecidesLikeTheRatioSampler(deciding(0.5), 11L,
				(traceId) -> Map.of("traceparent", "00-" + traceId + "-" + SPAN_ID_12345 + "-00"));
	}

	@Test
	void describesDecidingRemoteParentNotSampled() {
		Sampler sampler = deciding(0.25);
		assertThat(((CloudTraceSampler) sampler).getRemoteParentNotSampled()).isEqualTo(RemoteParentNotSampled.DECIDE);
		assertThat(sampler.getDescription()).contains("remoteParentNotSampled:TraceIdRatioBased{0.250000}")
			.contains("remoteParentSampled:AlwaysOnSampler")
			.contains("localParentNotSampled:AlwaysOffSampler");
		assertThat(((CloudTraceSampler) CloudTraceSampler.create(0.25)).getRemoteParentNotSampled())
			.isEqualTo(RemoteParentNotSampled.FOLLOW);
	}

	/**
	 * Checks that a sampler decides for 1,000 random trace ids, each arriving in the
	 * carrier made for it, as the trace-id-ratio sampler at 0.5 decides for a new trace.
	 */
	private static void assertDecidesLikeTheRatioSampler(Sampler sampler, long seed,
			Function<String, Map<String, String>> carrier) {
		Sampler ratio = Sampler.traceIdRatioBased(0.5);
		Random random = new Random(seed);
		int sampled = 0;
		for (int i = 0; i < 1_000; i++) {
			String traceId = String.format("%016x%016x", random.nextLong(), random.nextLong());
			Context parent = PROPAGATOR.extract(Context.root(), carrier.apply(traceId), MapGetter.INSTANCE);
			SamplingDecision decision = sampler
				.shouldSample(parent, traceId, "request", SpanKind.SERVER, Attributes.empty(), List.of())
				.getDecision();
			assertThat(decision).as(traceId)
				.isEqualTo(ratio
					.shouldSample(Context.root(), traceId, "request", SpanKind.SERVER, Attributes.empty(), List.of())
					.getDecision());
			sampled += (decision == SamplingDecision.RECORD_AND_SAMPLE) ? 1 : 0;
		}
		assertThat(sampled).isBetween(400, 600);
	}

	private static Sampler deciding(double probability) {
		return CloudTraceSampler.create(probability, RemoteParentNotSampled.DECIDE);
	}

	private static Sampler following(double probability) {
		return CloudTraceSampler.create(probability, RemoteParentNotSampled.FOLLOW);
	}

	private static Map<String, String> unsampledParent(String header) {
		return header.equals("traceparent") ? Map.of(header, "00-" + TRACE_ID + "-" + SPAN_ID_12345 + "-00")
				: Map.of(header, TRACE_ID + "/12345;o=0");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(doubles = { -0.1, 1.1, Double.NaN, Double.POSITIVE_INFINITY })
	void rejectsProbabilityOutsideZeroToOne(double probability) {
		assertThatIllegalArgumentException().isThrownBy(() -> CloudTraceSampler.create(probability));
	}

	private SpanData recordedChild(double probability, Map<String, String> carrier) {
		return recordedChild(CloudTraceSampler.create(probability), carrier);
	}

	private SpanData recordedChild(Sampler sampler, Map<String, String> carrier) {
		List<SpanData> spans = children(sampler, PROPAGATOR, carrier);
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private List<SpanData> children(double probability, TextMapPropagator propagator, Map<String, String> carrier) {
		return children(CloudTraceSampler.create(probability), propagator, carrier);
	}

	private List<SpanData> children(Sampler sampler, TextMapPropagator propagator, Map<String, String> carrier) {
		return childrenOf(sampler, propagator.extract(Context.root(), carrier, MapGetter.INSTANCE));
	}

	private List<SpanData> childrenOf(double probability, Context parent) {
		return childrenOf(CloudTraceSampler.create(probability), parent);
	}

	private List<SpanData> childrenOf(Sampler sampler, Context parent) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setSampler(sampler)
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			tracerProvider.get("test").spanBuilder("request").setParent(parent).startSpan().end();
			// Read before close: shutting the exporter down clears what it holds.
			return exporter.getFinishedSpanItems();
		}
	}

}
