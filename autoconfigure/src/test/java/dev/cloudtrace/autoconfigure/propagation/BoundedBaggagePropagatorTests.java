package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.cloudtrace.autoconfigure.testsupport.MultiMapGetter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundedBaggagePropagator}.
 */
class BoundedBaggagePropagatorTests {

	private final BoundedBaggagePropagator propagator = BoundedBaggagePropagator.getInstance();

	@Test
	void readsBaggageWithinLimitsAsW3cPropagatorDoes() {
		Baggage baggage = extract("k1=v1, k2 = v%202;prop, k3=v3");
		assertThat(baggage.asMap()).hasSize(3);
		assertThat(baggage.getEntryValue("k2")).isEqualTo("v 2");
		assertThat(baggage.getEntry("k2").getMetadata().getValue()).isEqualTo("prop");
	}

	@Test
	void keepsTheFirst64Of180Members() {
		Baggage baggage = extract(members(0, 180, 10));
		assertThat(baggage.size()).isEqualTo(BoundedBaggagePropagator.MAX_MEMBERS);
		assertThat(baggage.getEntryValue("k0")).isNotNull();
		assertThat(baggage.getEntryValue("k63")).isNotNull();
		assertThat(baggage.getEntryValue("k64")).isNull();
	}

	@Test
	void keepsWholeMembersUpTo8192Bytes() {
		// k0 to k9 take 303 bytes, k10 to k59 304, plus commas: k0 to k25 fit in 8192 bytes.
		Baggage baggage = extract(members(0, 60, 300));
		int bytes = baggage.asMap()
			.entrySet()
			.stream()
			.mapToInt((entry) -> entry.getKey().length() + 1 + entry.getValue().getValue().length())
			.sum() + baggage.size() - 1;
		assertThat(bytes).isLessThanOrEqualTo(BoundedBaggagePropagator.MAX_BYTES);
		assertThat(baggage.size()).isEqualTo(26);
		assertThat(baggage.getEntryValue("k25")).isNotNull();
		baggage.forEach((key, entry) -> assertThat(entry.getValue()).hasSize(300));
	}

	@Test
	void skipsOneOversizedMemberButKeepsTheOthers() {
		Baggage baggage = extract("a=1,huge=" + "x".repeat(9000) + ",b=2");
		assertThat(baggage.asMap().keySet()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void countsLimitsOverAllBaggageHeadersTogether() {
		List<String> headers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			headers.add(members(i * 20, i * 20 + 20, 5));
		}
		Baggage baggage = extract(headers.toArray(String[]::new));
		assertThat(baggage.size()).isEqualTo(BoundedBaggagePropagator.MAX_MEMBERS);
		assertThat(baggage.getEntryValue("k63")).isNotNull();
		assertThat(baggage.getEntryValue("k64")).isNull();
	}

	@Test
	void readsRepeatedHeadersOfOtherGettersWhereTheOpenTelemetryApiCan() {
		boolean apiHasGetAll = Arrays.stream(TextMapGetter.class.getMethods())
			.anyMatch((method) -> method.getName().equals("getAll"));
		assertThat(HeaderValues.readsRepeatedHeadersOfAnyGetter()).isEqualTo(apiHasGetAll);
		Context extracted = this.propagator.extract(Context.root(), Map.of("baggage", List.of("a=1", "b=2")),
				ForeignGetter.INSTANCE);
		if (apiHasGetAll) {
			assertThat(Baggage.fromContext(extracted).asMap().keySet()).containsExactlyInAnyOrder("a", "b");
		}
		else {
			// OpenTelemetry 1.49 (Spring Boot 3.5): the first header, as its own propagator reads.
			assertThat(Baggage.fromContext(extracted).asMap().keySet()).containsExactly("a");
		}
	}

	@Test
	void countsMultiByteCharactersAsUtf8Bytes() {
		String value = "\u00e9".repeat(100);
		assertThat(BoundedBaggagePropagator.bound(List.of("a=" + value).iterator())).hasSize(102);
		String twoMembers = "a=" + "\u20ac".repeat(2729) + ",b=1";
		// 2 + 3 * 2729 = 8189 bytes; ",b=1" would make 8193.
		assertThat(BoundedBaggagePropagator.bound(List.of(twoMembers).iterator())).doesNotContain("b=1");
	}

	@Test
	void ignoresEmptyMembersAndWhitespace() {
		assertThat(BoundedBaggagePropagator.bound(List.of(" , ,a=1 ,\t,b=2,,", "", ",c=3").iterator()))
			.isEqualTo("a=1,b=2,c=3");
	}

	@Test
	void leavesContextUnchangedWithoutBaggage() {
		Context context = Context.root();
		assertThat(this.propagator.extract(context, Map.<String, List<String>>of(), MultiMapGetter.INSTANCE))
			.isSameAs(context);
		assertThat(this.propagator.extract(context, Map.of("baggage", List.of(" , ")), MultiMapGetter.INSTANCE))
			.isSameAs(context);
		assertThat(this.propagator.extract(context, Map.of(), null)).isSameAs(context);
		assertThat(this.propagator.extract(null, Map.of(), MultiMapGetter.INSTANCE)).isSameAs(Context.root());
	}

	@Test
	void injectsAsW3cPropagatorDoes() {
		Map<String, String> headers = new HashMap<>();
		Context context = Baggage.builder().put("k", "v 1").build().storeInContext(Context.root());
		this.propagator.inject(context, headers, Map::put);
		assertThat(headers).containsExactly(Map.entry("baggage", "k=v%201"));
		assertThat(this.propagator.fields()).containsExactly("baggage");
	}

	private static String members(int from, int to, int valueLength) {
		return IntStream.range(from, to)
			.mapToObj((i) -> "k" + i + "=" + "v".repeat(valueLength))
			.collect(Collectors.joining(","));
	}

	private Baggage extract(String... headers) {
		Context extracted = this.propagator.extract(Context.root(), Map.of("baggage", List.of(headers)),
				MultiMapGetter.INSTANCE);
		return Baggage.fromContext(extracted);
	}

	/**
	 * A getter of another library, which offers every value through OpenTelemetry's own
	 * {@code getAll} where the API has it.
	 */
	public enum ForeignGetter implements TextMapGetter<Map<String, List<String>>> {

		INSTANCE;

		@Override
		public Iterable<String> keys(Map<String, List<String>> carrier) {
			return MultiMapGetter.INSTANCE.keys(carrier);
		}

		@Override
		public String get(Map<String, List<String>> carrier, String key) {
			return MultiMapGetter.INSTANCE.get(carrier, key);
		}

		// Overrides TextMapGetter.getAll(C, String), erased to Object, on OpenTelemetry 1.50 and later.
		@SuppressWarnings("unchecked")
		public Iterator<String> getAll(Object carrier, String key) {
			return ((Map<String, List<String>>) carrier).getOrDefault(key, List.of()).iterator();
		}

	}

}
