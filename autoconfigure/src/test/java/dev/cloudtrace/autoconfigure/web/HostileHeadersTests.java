package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.cloudtrace.autoconfigure.propagation.BoundedBaggagePropagator;
import dev.cloudtrace.autoconfigure.propagation.BoundedTraceContextPropagator;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, oversized and repeated trace headers sent over real HTTP to a real
 * application: seeded random values and boundary values for {@code traceparent},
 * {@code tracestate}, {@code X-Cloud-Trace-Context} and {@code baggage}, and oversized
 * values of headers that become span attributes.
 * <p>
 * Tomcat's header size limit is raised to 2 MB so that 1 MB values reach the
 * application; with Spring Boot's default (8 KB) Tomcat itself answers 400 to them, which
 * {@link #answersOversizedHeadersWithClientErrorAndKeepsServing()} checks. Every response
 * must be below 500, the application must keep serving, the baggage and
 * {@code tracestate} a request carries on must be bounded, and every span must be within
 * the configured {@code cloudtrace.limits.*}. The seed can be changed with
 * {@code -Dcloudtrace.fuzz.seed=<long>}.
 */
class HostileHeadersTests {

	private static final long SEED = Long.getLong("cloudtrace.fuzz.seed", 20261125L);

	private static final int RANDOM_REQUESTS = 400;

	private static final int MAX_ATTRIBUTES = 64;

	private static final int MAX_VALUE_LENGTH = 1000;

	private static final int MAX_LINKS = 128;

	private static final int ONE_MB = 1024 * 1024;

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private static final String[] TRACE_HEADERS = { "traceparent", "tracestate", "X-Cloud-Trace-Context",
			"baggage" };

	private static final String[] ATTRIBUTE_HEADERS = { "User-Agent", "X-Forwarded-For", "Forwarded", "X-Payload" };

	private static final int[] LENGTHS = { 0, 1, 2, 31, 32, 33, 54, 55, 56, 127, 128, 129, 255, 256, 257, 511, 512,
			513, 1023, 1024, 1025, 4095, 4096, 4097, 8191, 8192, 8193, 10240 };

	private static final String GRAMMAR = "0123456789abcdefABCDEF-/;=,.%o ";

	private static final AttributeKey<String> PAYLOAD = AttributeKey.stringKey("payload");

	private static final RecordedSpans spans = new RecordedSpans();

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void start() {
		context = TestApplications.start("hostile", HostileApplication.class,
				"server.max-http-request-header-size=2MB",
				"cloudtrace.limits.max-attributes=" + MAX_ATTRIBUTES,
				"cloudtrace.limits.max-attribute-value-length=" + MAX_VALUE_LENGTH);
		port = TestApplications.port(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@BeforeEach
	void clearSpans() {
		spans.clear();
	}

	@Test
	void survivesBoundaryValuesOfEveryTraceHeader() throws Exception {
		assertSurvives(boundaryCases());
	}

	@Test
	void survivesSeededRandomTraceHeaders() throws Exception {
		Random random = new Random(SEED);
		List<Case> cases = new ArrayList<>();
		for (int i = 0; i < RANDOM_REQUESTS; i++) {
			cases.add(randomCase(random, i));
		}
		assertSurvives(cases);
	}

	@Test
	void truncatesHugeSpanAttributeArgument() throws Exception {
		RawHttp.Response response = RawHttp.get(port, "/huge-argument", List.of());
		assertThat(response.status()).isEqualTo(200);
		SpanData work = spans.await((span) -> span.getName().equals("work"));
		assertThat(work.getAttributes().get(PAYLOAD)).hasSize(MAX_VALUE_LENGTH).isEqualTo("x".repeat(MAX_VALUE_LENGTH));
	}

	@Test
	void capturesNoHeaderByDefault() throws Exception {
		RawHttp.Response response = RawHttp.get(port, "/echo", List.of(Map.entry("Authorization", "Bearer secret"),
				Map.entry("Cookie", "session=secret"), Map.entry("X-Request-Id", "req-1")));
		assertThat(response.status()).isEqualTo(200);
		SpanData server = spans.await((span) -> span.getKind() == SpanKind.SERVER);
		assertThat(server.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("http.request.header.") || key.startsWith("http.response.header."));
		assertThat(server.getAttributes().toString()).doesNotContain("secret").doesNotContain("req-1");
	}

	@Test
	void answersOversizedHeadersWithClientErrorAndKeepsServing() throws Exception {
		RawHttp.Response response = RawHttp.get(port, "/echo",
				List.of(Map.entry("baggage", "k=" + "v".repeat(3 * ONE_MB))));
		assertThat(response.status()).isIn(400, 431);
		List<Map.Entry<String, String>> tooMany = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			tooMany.add(Map.entry("traceparent", TRACEPARENT));
		}
		assertThat(RawHttp.get(port, "/echo", tooMany).status()).isIn(400, 431);
		assertServing();
	}

	private void assertSurvives(List<Case> cases) throws Exception {
		int handled = 0;
		int sampled = 0;
		for (int i = 0; i < cases.size(); i++) {
			Case each = cases.get(i);
			RawHttp.Response response = RawHttp.get(port, "/echo?case=" + i, each.headers());
			assertThat(response.status()).as("status of %s", each).isBetween(200, 499);
			if ("true".equals(response.header("X-Handled"))) {
				assertThat(response.status()).as("status of %s", each).isEqualTo(200);
				assertBounded(response, each);
				handled++;
				sampled += Boolean.parseBoolean(response.header("X-Sampled")) ? 1 : 0;
			}
			if (i % 25 == 0) {
				assertServing();
			}
		}
		assertServing();
		// Most requests must reach the application, not stop at Tomcat's checks.
		assertThat(handled).isGreaterThan(cases.size() / 2);
		int expected = sampled + 1;
		Awaitility.await().until(() -> spans.ofKind(SpanKind.SERVER).size() >= expected);
		assertThat(spans.all()).allSatisfy(HostileHeadersTests::assertWithinLimits);
	}

	private static void assertBounded(RawHttp.Response response, Case each) {
		assertThat(Integer.parseInt(response.header("X-Baggage-Members"))).as("baggage members of %s", each)
			.isLessThanOrEqualTo(BoundedBaggagePropagator.MAX_MEMBERS);
		assertThat(Integer.parseInt(response.header("X-Baggage-Length"))).as("baggage length of %s", each)
			.isLessThanOrEqualTo(BoundedBaggagePropagator.MAX_BYTES);
		// Percent-encoding on the way out may triple a value.
		assertThat(Integer.parseInt(response.header("X-Outgoing-Baggage-Length")))
			.as("outgoing baggage of %s", each)
			.isLessThanOrEqualTo(3 * BoundedBaggagePropagator.MAX_BYTES);
		assertThat(Integer.parseInt(response.header("X-Outgoing-Tracestate-Length")))
			.as("outgoing tracestate of %s", each)
			.isLessThanOrEqualTo(BoundedTraceContextPropagator.MAX_LENGTH);
	}

	private static void assertServing() throws IOException {
		RawHttp.Response response = RawHttp.get(port, "/echo?probe", List.of());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Sampled")).isEqualTo("true");
	}

	private static void assertWithinLimits(SpanData span) {
		assertThat(span.getAttributes().size()).as("attributes of %s", span.getName())
			.isLessThanOrEqualTo(MAX_ATTRIBUTES);
		assertValueLengths(span.getAttributes());
		assertThat(span.getAttributes().asMap().keySet()).as("captured headers")
			.noneMatch((key) -> key.getKey().startsWith("http.request.header.")
					|| key.getKey().startsWith("http.response.header."));
		for (EventData event : span.getEvents()) {
			assertValueLengths(event.getAttributes());
		}
		assertThat(span.getLinks()).hasSizeLessThanOrEqualTo(MAX_LINKS);
		for (LinkData link : span.getLinks()) {
			assertValueLengths(link.getAttributes());
		}
		assertBounded(span.getSpanContext().getTraceState());
		assertBounded(span.getParentSpanContext().getTraceState());
	}

	private static void assertValueLengths(Attributes attributes) {
		attributes.forEach((key, value) -> {
			if (value instanceof String string) {
				assertThat(string).as(key.getKey()).hasSizeLessThanOrEqualTo(MAX_VALUE_LENGTH);
			}
			else if (value instanceof List<?> list) {
				list.forEach((element) -> assertThat(String.valueOf(element)).as(key.getKey())
					.hasSizeLessThanOrEqualTo(MAX_VALUE_LENGTH));
			}
		});
	}

	private static void assertBounded(TraceState traceState) {
		assertThat(traceState.size()).isLessThanOrEqualTo(32);
		assertThat(traceStateLength(traceState)).isLessThanOrEqualTo(BoundedTraceContextPropagator.MAX_LENGTH);
	}

	private static int traceStateLength(TraceState traceState) {
		int[] length = { Math.max(0, traceState.size() - 1) };
		traceState.forEach((key, value) -> length[0] += key.length() + 1 + value.length());
		return length[0];
	}

	private static List<Case> boundaryCases() {
		List<Case> cases = new ArrayList<>();
		String hex32 = TRACE_ID;
		for (String value : new String[] { "", " ", "\t", "00", TRACEPARENT, TRACEPARENT.toUpperCase(Locale.ROOT),
				"00-00000000000000000000000000000000-" + SPAN_ID + "-01", "00-" + hex32 + "-0000000000000000-01",
				"ff-" + hex32 + "-" + SPAN_ID + "-01", "01-" + hex32 + "-" + SPAN_ID + "-01-future",
				"00-" + hex32 + "-" + SPAN_ID + "-01-extra", "00-" + hex32 + "-" + SPAN_ID + "-1",
				"00-" + hex32 + "-" + SPAN_ID + "-zz", "00-" + hex32 + "-" + SPAN_ID + "-ff",
				"00-" + hex32 + "-" + SPAN_ID + "-01\t", "00-\u0664bf92f3577b34da6a3ce929d0e0e473-" + SPAN_ID + "-01",
				"00-" + hex32 + "-" + SPAN_ID + "-0\u0661", "00-" + hex32.substring(1) + "-" + SPAN_ID + "-01",
				"00-" + hex32 + "-" + SPAN_ID + "-01" + "-".repeat(200), "00-" + "a".repeat(ONE_MB),
				"00-" + hex32 + "\u0000" + SPAN_ID + "-01", "00-" + hex32 + "-" + SPAN_ID + "\u007f01",
				utf8("00-" + hex32 + "-" + SPAN_ID + "-01\u00e9\u4e2d\ud83d\ude00") }) {
			cases.add(new Case("traceparent " + describe(value), List.of(Map.entry("traceparent", value))));
		}
		cases.add(new Case("two different traceparents", List.of(Map.entry("traceparent", TRACEPARENT),
				Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))));
		for (String value : new String[] { members(32, 5), members(33, 1), members(32, 250), "a=" + "v".repeat(256),
				members(8, 59), members(8, 60), "a=1,long=" + "x".repeat(200) + ",b=2", "UPPER=1,a=1", "a=1,,b=2",
				"=,,==,not a valid state", "a=1,a=2", "k" + "e".repeat(300) + "=v", members(32, 250) + ",x=1",
				"a=" + "v".repeat(ONE_MB), utf8("a=\u00e9,b=\u4e2d"), "a=\u0001,b=2" }) {
			cases.add(new Case("tracestate " + describe(value),
					List.of(Map.entry("traceparent", TRACEPARENT), Map.entry("tracestate", value))));
		}
		List<Map.Entry<String, String>> repeatedState = new ArrayList<>();
		repeatedState.add(Map.entry("traceparent", TRACEPARENT));
		for (int i = 0; i < 5; i++) {
			repeatedState.add(Map.entry("tracestate", members(30, 20)));
		}
		cases.add(new Case("five tracestate headers of 30 members", repeatedState));
		for (String value : new String[] { hex32 + "/" + "9".repeat(30) + ";o=1", hex32 + "/18446744073709551615;o=1",
				hex32 + "/18446744073709551616;o=1", hex32 + "/0;o=1", "0".repeat(32) + "/1;o=1",
				hex32.toUpperCase(Locale.ROOT) + "/1;o=1", hex32 + "/1;o=", hex32 + "/1;o=99999999999", hex32 + "/-1",
				hex32 + "/+1;o=1", hex32 + "/1;o=1 ", hex32 + "/", hex32, hex32 + "/1;o=1" + "1".repeat(ONE_MB),
				hex32 + "/\u0661;o=1", utf8(hex32 + "/1;o=\u00b9") }) {
			cases.add(new Case("X-Cloud-Trace-Context " + describe(value),
					List.of(Map.entry("X-Cloud-Trace-Context", value))));
		}
		List<Map.Entry<String, String>> repeatedCloud = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			repeatedCloud.add(Map.entry("X-Cloud-Trace-Context", hex32 + "/" + (i + 1) + ";o=" + (i % 2)));
		}
		cases.add(new Case("fifty X-Cloud-Trace-Context headers", repeatedCloud));
		for (String value : new String[] { baggage(180, 5), baggage(200, 50), "big=" + "v".repeat(9000),
				baggage(64, 100), baggage(65, 1), "k=%zz,j=%", utf8("k=\u00e9\u4e2d\ud83d\ude00"),
				"k=v;p=1;q,j=w;", "=v,k=", ",,,,,,", "k=" + "v".repeat(ONE_MB), "k=v\u0000", "k=\u007f" }) {
			cases.add(new Case("baggage " + describe(value), List.of(Map.entry("baggage", value))));
		}
		List<Map.Entry<String, String>> repeatedBaggage = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			repeatedBaggage.add(Map.entry("baggage", baggage(20, 30).replace("k", "h" + i + "k")));
		}
		cases.add(new Case("ten baggage headers of 20 members", repeatedBaggage));
		for (String name : ATTRIBUTE_HEADERS) {
			cases.add(new Case(name + " of 1 MB", List.of(Map.entry(name, "for=" + "1".repeat(ONE_MB)))));
		}
		return cases;
	}

	private static Case randomCase(Random random, int index) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		for (int i = 0; i < count; i++) {
			String name = (random.nextInt(5) == 0) ? ATTRIBUTE_HEADERS[random.nextInt(ATTRIBUTE_HEADERS.length)]
					: TRACE_HEADERS[random.nextInt(TRACE_HEADERS.length)];
			name = randomCase(random, name);
			int repeat = (random.nextInt(8) == 0) ? 2 + random.nextInt(30) : 1;
			for (int r = 0; r < repeat; r++) {
				headers.add(Map.entry(name, randomValue(random, name.toLowerCase(Locale.ROOT))));
			}
		}
		return new Case("random case " + index + " (seed " + SEED + ") "
				+ headers.stream().map((header) -> header.getKey() + ": " + describe(header.getValue()))
					.collect(Collectors.joining(", ")),
				headers);
	}

	private static String randomValue(Random random, String name) {
		return switch (random.nextInt(7)) {
			case 0 -> valid(random, name);
			case 1 -> mutate(random, valid(random, name));
			case 2 -> randomChars(random, randomLength(random), GRAMMAR);
			case 3 -> randomBytes(random, randomLength(random));
			case 4 -> randomUnicode(random, randomLength(random));
			case 5 -> randomMembers(random, 1 + random.nextInt(300));
			default -> valid(random, name).toUpperCase(Locale.ROOT);
		};
	}

	private static String valid(Random random, String name) {
		return switch (name) {
			case "traceparent" -> "00-" + hex(random, 32) + "-" + hex(random, 16) + "-0" + random.nextInt(2);
			case "tracestate" -> members(1 + random.nextInt(40), random.nextInt(100));
			case "x-cloud-trace-context" ->
				hex(random, 32) + "/" + Long.toUnsignedString(random.nextLong()) + ";o=" + random.nextInt(2);
			case "baggage" -> baggage(1 + random.nextInt(200), random.nextInt(60));
			default -> randomChars(random, randomLength(random), GRAMMAR);
		};
	}

	private static String mutate(Random random, String value) {
		StringBuilder mutated = new StringBuilder(value);
		int edits = 1 + random.nextInt(4);
		for (int i = 0; i < edits; i++) {
			int at = (mutated.length() == 0) ? 0 : random.nextInt(mutated.length());
			char c = (char) (0x20 + random.nextInt(0xE0));
			switch (random.nextInt(4)) {
				case 0 -> {
					if (mutated.length() > 0) {
						mutated.setCharAt(at, c);
					}
				}
				case 1 -> mutated.insert(at, c);
				case 2 -> {
					if (mutated.length() > 0) {
						mutated.deleteCharAt(at);
					}
				}
				default -> mutated.append(mutated, 0, Math.min(mutated.length(), 1 + random.nextInt(64)));
			}
		}
		return mutated.toString().replace("\u007f", "");
	}

	private static int randomLength(Random random) {
		return random.nextBoolean() ? LENGTHS[random.nextInt(LENGTHS.length)] : random.nextInt(10241);
	}

	private static String randomChars(Random random, int length, String alphabet) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}

	// Any byte but CR and LF, which would end the header line. Tomcat answers 400 to other
	// control characters, so only one value in three has them, to let the others through.
	private static String randomBytes(Random random, int length) {
		boolean controls = random.nextInt(3) == 0;
		StringBuilder value = new StringBuilder(length);
		while (value.length() < length) {
			char c = (char) random.nextInt(256);
			if (c != '\r' && c != '\n' && (controls || (c >= 0x20 && c != 0x7f))) {
				value.append(c);
			}
		}
		return value.toString();
	}

	private static String randomUnicode(Random random, int length) {
		StringBuilder value = new StringBuilder(length);
		int[][] ranges = { { 0x21, 0x7e }, { 0xa0, 0x24f }, { 0x590, 0x6ff }, { 0x4e00, 0x9fff },
				{ 0x1f600, 0x1f64f } };
		while (value.length() < length) {
			int[] range = ranges[random.nextInt(ranges.length)];
			value.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
		}
		return utf8(value.toString());
	}

	private static String randomMembers(Random random, int count) {
		String alphabet = "abcxyz0189_-*/@=;%, \t!~" + "\u00e9";
		return IntStream.range(0, count)
			.mapToObj((i) -> randomChars(random, random.nextInt(12), alphabet) + "="
					+ randomChars(random, random.nextInt(40), alphabet))
			.collect(Collectors.joining(","));
	}

	private static String randomCase(Random random, String name) {
		StringBuilder cased = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			cased.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
		}
		return cased.toString();
	}

	private static String hex(Random random, int length) {
		return randomChars(random, length, "0123456789abcdef");
	}

	private static String members(int count, int valueLength) {
		return IntStream.range(0, count)
			.mapToObj((i) -> String.format("k%02d=", i) + "v".repeat(valueLength))
			.collect(Collectors.joining(","));
	}

	private static String baggage(int count, int valueLength) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "k" + i + "=" + "v".repeat(valueLength))
			.collect(Collectors.joining(","));
	}

	// Sends the UTF-8 bytes of a string, one character per byte.
	private static String utf8(String value) {
		return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

	private static String describe(String value) {
		String shown = (value.length() > 60) ? value.substring(0, 60) + "..." : value;
		StringBuilder escaped = new StringBuilder();
		for (char c : shown.toCharArray()) {
			escaped.append((c < 0x20 || c > 0x7e) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return "'" + escaped + "' (" + value.length() + " chars)";
	}

	/**
	 * One request's headers, with a description for failure messages.
	 *
	 * @param description what is sent
	 * @param headers the header lines
	 */
	record Case(String description, List<Map.Entry<String, String>> headers) {

		@Override
		public String toString() {
			return this.description;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ EchoController.class, Worker.class })
	static class HostileApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

	}

	@RestController
	static class EchoController {

		private final Worker worker;

		private final ContextPropagators propagators;

		EchoController(Worker worker, ContextPropagators propagators) {
			this.worker = worker;
			this.propagators = propagators;
		}

		@GetMapping("/echo")
		ResponseEntity<String> echo(@RequestHeader(name = "X-Payload", required = false) String payload) {
			this.worker.work((payload != null) ? payload : "");
			Baggage baggage = Baggage.current();
			int[] baggageLength = { Math.max(0, baggage.size() - 1) };
			baggage.forEach((key, entry) -> {
				String metadata = entry.getMetadata().getValue();
				baggageLength[0] += key.length() + 1 + entry.getValue().length()
						+ (metadata.isEmpty() ? 0 : metadata.length() + 1);
			});
			Map<String, String> outgoing = new HashMap<>();
			this.propagators.getTextMapPropagator().inject(Context.current(), outgoing, Map::put);
			SpanContext span = Span.current().getSpanContext();
			return ResponseEntity.ok()
				.header("X-Handled", "true")
				.header("X-Sampled", String.valueOf(span.isSampled()))
				.header("X-Baggage-Members", String.valueOf(baggage.size()))
				.header("X-Baggage-Length", String.valueOf(baggageLength[0]))
				.header("X-Outgoing-Baggage-Length", String.valueOf(outgoing.getOrDefault("baggage", "").length()))
				.header("X-Outgoing-Tracestate-Length",
						String.valueOf(outgoing.getOrDefault("tracestate", "").length()))
				.body("ok");
		}

		@GetMapping("/huge-argument")
		String hugeArgument() {
			return this.worker.work("x".repeat(ONE_MB));
		}

	}

	static class Worker {

		@WithSpan("work")
		String work(@SpanAttribute("payload") String payload) {
			return "worked";
		}

	}

}
