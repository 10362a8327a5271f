package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import dev.cloudtrace.autoconfigure.testsupport.MultiMapGetter;
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

	private static final String OTHER_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

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
	void startsNewTraceWhenTraceparentIsRepeated() {
		Context context = Context.root();
		assertThat(this.propagator.extract(context, Map.of("traceparent", List.of(TRACEPARENT, OTHER_TRACEPARENT)),
				MultiMapGetter.INSTANCE))
			.isSameAs(context);
		assertThat(this.propagator.extract(context, Map.of("traceparent", List.of(TRACEPARENT, TRACEPARENT)),
				MultiMapGetter.INSTANCE))
			.isSameAs(context);
	}

	@Test
	void combinesRepeatedTraceStateHeadersInOrder() {
		SpanContext spanContext = extract("a=1,b=2", " c=3 ", "d=4");
		assertThat(spanContext.getTraceState().asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"),
				Map.entry("c", "3"), Map.entry("d", "4"));
	}

	@Test
	void discardsTraceStateWithDuplicatedKeyButKeepsTraceparent() {
		assertDiscarded(extract("a=1,b=2,a=3"));
		assertDiscarded(extract("a=1,b=2", "a=1"));
	}

	@Test
	void ignoresEmptyTraceStateButKeepsTraceparent() {
		assertDiscarded(extract(""));
		assertDiscarded(extract(" , ,\t"));
		assertDiscarded(extract("", ""));
		assertThat(extract("", "a=1", ",").getTraceState().asMap()).containsExactly(Map.entry("a", "1"));
	}

	@Test
	void discardsTraceStateWithInvalidMemberButKeepsTraceparent() {
		for (String invalid : new String[] { "UPPER=1", "1a=1", "a=", "=1", "a", "a=1=2", "a=x\ty", "a=\u00e9",
				"a@=1", "@a=1", "a@@b=1", "a@b@c=1", "a@1b=1", "a=" + "v".repeat(257) }) {
			assertDiscarded(extract("ok=1," + invalid + ",b=2"));
		}
	}

	@Test
	void acceptsSimpleKeysOf255And256CharactersButNot257() {
		assertThat(extract("foo=1", key(255) + "=1", "bar=1").getTraceState().get(key(255))).isEqualTo("1");
		assertThat(extract("foo=1", key(256) + "=1", "bar=1").getTraceState().asMap()).containsOnlyKeys("foo",
				key(256), "bar");
		assertDiscarded(extract("foo=1", key(257) + "=1", "bar=1"));
	}

	@Test
	void acceptsMultiTenantKeysUpTo241At14Characters() {
		String longest = "t".repeat(241) + "@" + "v".repeat(14);
		assertThat(longest).hasSize(256);
		SpanContext spanContext = extract("foo=1", longest + "=1", "bar=1");
		assertThat(order(spanContext.getTraceState())).containsExactly("foo", longest, "bar");
		assertThat(spanContext.getTraceState().get(longest)).isEqualTo("1");
		assertThat(extract("0tenant@vendor=1").getTraceState().get("0tenant@vendor")).isEqualTo("1");
		assertThat(extract("t".repeat(240) + "@" + "v".repeat(15) + "=1", "bar=1").getTraceState().isEmpty())
			.isTrue();
		assertDiscarded(extract("foo=1", "t".repeat(242) + "@v=1", "bar=1"));
		assertDiscarded(extract("foo=1", "t@" + "v".repeat(15) + "=1", "bar=1"));
	}

	@Test
	void injectsMultiTenantKeysThatOpenTelemetryRejects() {
		String longest = "t".repeat(241) + "@" + "v".repeat(14);
		Context context = this.propagator.extract(Context.root(),
				Map.of("traceparent", List.of(TRACEPARENT), "tracestate", List.of("a=1," + longest + "=2")),
				MultiMapGetter.INSTANCE);
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(context, headers, Map::put);
		assertThat(headers).containsEntry("tracestate", "a=1," + longest + "=2");
	}

	@Test
	void propagates31And32MembersWholeAndDiscards33() {
		assertThat(extract(members(31, 2)).getTraceState().size()).isEqualTo(31);
		SpanContext spanContext = extract(members(0, 10, 2), members(10, 20, 2), members(20, 32, 2));
		assertThat(spanContext.getTraceState().size()).isEqualTo(32);
		assertThat(order(spanContext.getTraceState())).startsWith("k00", "k01").endsWith("k31");
		assertDiscarded(extract(members(0, 16, 2), members(16, 33, 2)));
	}

	@Test
	void boundsCombinedTraceStateTo512Characters() {
		SpanContext spanContext = extract(members(0, 6, 59), members(6, 12, 59));
		assertThat(order(spanContext.getTraceState())).containsExactly("k00", "k01", "k02", "k03", "k04", "k05",
				"k06", "k07");
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


	private SpanContext extract(String... tracestates) {
		Context extracted = this.propagator.extract(Context.root(),
				Map.of("traceparent", List.of(TRACEPARENT), "tracestate", List.of(tracestates)),
				MultiMapGetter.INSTANCE);
		return Span.fromContext(extracted).getSpanContext();
	}

	private static void assertDiscarded(SpanContext spanContext) {
		assertThat(spanContext.isValid()).isTrue();
		assertThat(spanContext.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(spanContext.getTraceState().isEmpty()).isTrue();
	}

	private static String key(int length) {
		return "k".repeat(length);
	}

	private static String members(int count, int valueLength) {
		return members(0, count, valueLength);
	}

	private static String members(int from, int to, int valueLength) {
		List<String> members = new ArrayList<>();
		for (int i = from; i < to; i++) {
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
