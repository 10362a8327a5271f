package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedTraceContextPropagator}.
 */
class BoundedTraceContextPropagatorTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final BoundedTraceContextPropagator propagator = BoundedTraceContextPropagator.getInstance();

	@Test
	void keepsTraceStateOf512CharactersUnchanged() {
		// 8 members of 63 characters and 7 commas: 511.
		String header = members(8, 59);
		assertThat(header).hasSize(511);
		SpanContext spanContext = extract(header);
		assertThat(spanContext.getTraceState().size()).isEqualTo(8);
		assertThat(length(spanContext.getTraceState())).isEqualTo(511);
	}

	@Test
	void removesMembersFromTheEndUntil512Characters() {
		SpanContext spanContext = extract(members(12, 59));
		assertThat(order(spanContext.getTraceState())).containsExactly("k00", "k01", "k02", "k03", "k04", "k05",
				"k06", "k07");
		assertThat(spanContext.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(spanContext.isSampled()).isTrue();
		assertThat(spanContext.isRemote()).isTrue();
	}

	@Test
	void removesMembersLongerThan128CharactersFirst() {
		// 530 characters: dropping the last long member is enough.
		String header = "a=1," + "long=" + "x".repeat(200) + ",b=2," + "longer=" + "y".repeat(250) + ",c=3,"
				+ members(1, 50);
		SpanContext spanContext = extract(header);
		assertThat(order(spanContext.getTraceState())).containsExactly("a", "long", "b", "c", "k00");
	}

	@Test
	void keepsTheMostThatFitsOf32LongMembers() {
		String header = members(32, 250);
		SpanContext spanContext = extract(header);
		assertThat(length(spanContext.getTraceState())).isLessThanOrEqualTo(BoundedTraceContextPropagator.MAX_LENGTH);
		assertThat(order(spanContext.getTraceState())).containsExactly("k00", "k01");
	}

	@Test
	void dropsTraceStateOfMoreThan32MembersAsW3cPropagatorDoes() {
		SpanContext spanContext = extract(members(33, 1));
		assertThat(spanContext.isValid()).isTrue();
		assertThat(spanContext.getTraceState().isEmpty()).isTrue();
	}

	@Test
	void returnsTheSameTraceStateWhenShortEnough() {
		TraceState traceState = TraceState.builder().put("a", "1").build();
		assertThat(BoundedTraceContextPropagator.bound(traceState)).isSameAs(traceState);
		assertThat(BoundedTraceContextPropagator.bound(TraceState.getDefault())).isSameAs(TraceState.getDefault());
	}

	@Test
	void leavesContextUnchangedWithoutTraceparent() {
		Context context = Context.root();
		assertThat(this.propagator.extract(context, Map.of("tracestate", members(20, 100)), MapGetter.INSTANCE))
			.isSameAs(context);
		assertThat(this.propagator.extract(context, Map.of(), null)).isSameAs(context);
		assertThat(this.propagator.extract(null, Map.of(), MapGetter.INSTANCE)).isSameAs(Context.root());
	}

	@Test
	void injectsAsW3cPropagatorDoes() {
		Map<String, String> headers = new HashMap<>();
		Context context = this.propagator.extract(Context.root(),
				Map.of("traceparent", TRACEPARENT, "tracestate", "a=1,b=2"), MapGetter.INSTANCE);
		this.propagator.inject(context, headers, Map::put);
		assertThat(headers).containsEntry("traceparent", TRACEPARENT).containsEntry("tracestate", "a=1,b=2");
		assertThat(this.propagator.fields()).containsExactly("traceparent", "tracestate");
	}

	private SpanContext extract(String tracestate) {
		Context extracted = this.propagator.extract(Context.root(),
				Map.of("traceparent", TRACEPARENT, "tracestate", tracestate), MapGetter.INSTANCE);
		return Span.fromContext(extracted).getSpanContext();
	}

	private static String members(int count, int valueLength) {
		List<String> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			members.add(String.format("k%02d=", i) + "v".repeat(valueLength));
		}
		return String.join(",", members);
	}

	private static int length(TraceState traceState) {
		int[] length = { traceState.size() - 1 };
		traceState.forEach((key, value) -> length[0] += key.length() + 1 + value.length());
		return length[0];
	}

	private static List<String> order(TraceState traceState) {
		List<String> keys = new ArrayList<>();
		traceState.forEach((key, value) -> keys.add(key));
		return keys;
	}

}
