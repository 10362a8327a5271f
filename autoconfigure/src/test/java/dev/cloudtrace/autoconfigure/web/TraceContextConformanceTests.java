package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * W3C Trace Context rules for repeated and limit-sized headers, over real HTTP: each request
 * is sent byte for byte with {@link RawHttp}, and each test checks the span recorded for it
 * and the headers that the next service received from a {@link RestTemplate} call made while
 * serving it.
 */
class TraceContextConformanceTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private static final String OTHER_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final RecordedSpans spans = new RecordedSpans();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = TestApplications.start("conformance", ConformanceApplication.class,
				"cloudtrace.propagation.types=tracecontext,baggage,cloud-trace");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void startsNewTraceWhenTraceparentIsRepeated() throws Exception {
		for (String second : new String[] { OTHER_TRACEPARENT, TRACEPARENT }) {
			Relayed relayed = relay(header("traceparent", TRACEPARENT), header("traceparent", second),
					header("tracestate", "a=1"));
			assertThat(relayed.server().getParentSpanContext().isValid()).isFalse();
			assertThat(relayed.server().getTraceId()).isNotEqualTo(TRACE_ID)
				.isNotEqualTo(OTHER_TRACEPARENT.substring(3, 35));
			assertThat(relayed.traceparent()).startsWith("00-" + relayed.server().getTraceId() + "-");
			assertThat(relayed.tracestate()).isNull();
		}
	}

	@Test
	void combinesRepeatedTracestateHeadersInOrder() throws Exception {
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "a=1,b=2"),
				header("tracestate", "c=3"), header("tracestate", " d=4 "));
		assertContinued(relayed);
		assertThat(relayed.server().getParentSpanContext().getTraceState().asMap()).containsExactly(
				Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"), Map.entry("d", "4"));
		assertThat(relayed.tracestate()).isEqualTo("a=1,b=2,c=3,d=4");
	}

	@Test
	void discardsTracestateWithDuplicatedKeyAndKeepsTraceparent() throws Exception {
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "a=1,b=2"),
				header("tracestate", "a=3"));
		assertContinued(relayed);
		assertThat(relayed.server().getParentSpanContext().getTraceState().isEmpty()).isTrue();
		assertThat(relayed.tracestate()).isNull();
	}

	@Test
	void doesNotPropagateEmptyTracestateAndKeepsTraceparent() throws Exception {
		for (String empty : new String[] { "", " ", ",,", " ,\t, " }) {
			Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", empty));
			assertContinued(relayed);
			assertThat(relayed.tracestate()).as("tracestate '%s'", empty).isNull();
		}
	}

	@Test
	void propagatesTracestateKeysOf255And256CharactersAndDiscards257() throws Exception {
		for (int length : new int[] { 255, 256 }) {
			String key = "k".repeat(length);
			Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "foo=1"),
					header("tracestate", key + "=1"), header("tracestate", "bar=1"));
			assertContinued(relayed);
			assertThat(relayed.server().getParentSpanContext().getTraceState().get(key)).isEqualTo("1");
			assertThat(relayed.tracestate()).isEqualTo("foo=1," + key + "=1,bar=1");
		}
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "foo=1"),
				header("tracestate", "k".repeat(257) + "=1"), header("tracestate", "bar=1"));
		assertContinued(relayed);
		assertThat(relayed.tracestate()).isNull();
	}

	@Test
	void propagatesMultiTenantKeysOf241At14CharactersAndDiscardsLonger() throws Exception {
		String longest = "t".repeat(241) + "@" + "v".repeat(14);
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "foo=1"),
				header("tracestate", longest + "=1"), header("tracestate", "bar=1"));
		assertContinued(relayed);
		assertThat(relayed.server().getParentSpanContext().getTraceState().get(longest)).isEqualTo("1");
		assertThat(relayed.tracestate()).isEqualTo("foo=1," + longest + "=1,bar=1");
		for (String tooLong : new String[] { "t".repeat(242) + "@v", "t@" + "v".repeat(15) }) {
			relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", "foo=1"),
					header("tracestate", tooLong + "=1"), header("tracestate", "bar=1"));
			assertContinued(relayed);
			assertThat(relayed.tracestate()).as(tooLong).isNull();
		}
	}

	@Test
	void propagates31And32MembersWholeAndDiscards33() throws Exception {
		for (int count : new int[] { 31, 32 }) {
			Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", members(0, 10)),
					header("tracestate", members(10, 20)), header("tracestate", members(20, count)));
			assertContinued(relayed);
			assertThat(relayed.server().getParentSpanContext().getTraceState().size()).isEqualTo(count);
			assertThat(relayed.tracestate()).isEqualTo(members(0, count));
		}
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("tracestate", members(0, 16)),
				header("tracestate", members(16, 33)));
		assertContinued(relayed);
		assertThat(relayed.server().getParentSpanContext().getTraceState().isEmpty()).isTrue();
		assertThat(relayed.tracestate()).isNull();
	}

	@Test
	void boundsCombinedTracestateTo512Characters() throws Exception {
		// 12 members of 63 characters: the last four go, as W3C prescribes.
		String value = "v".repeat(59);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		headers.add(header("traceparent", TRACEPARENT));
		for (int i = 0; i < 12; i++) {
			headers.add(header("tracestate", String.format("k%02d=", i) + value));
		}
		Relayed relayed = relay(headers);
		assertContinued(relayed);
		assertThat(relayed.tracestate()).hasSize(511)
			.isEqualTo(IntStream.range(0, 8)
				.mapToObj((i) -> String.format("k%02d=", i) + value)
				.collect(Collectors.joining(",")));
	}

	@Test
	void ignoresRepeatedCloudTraceContextHeader() throws Exception {
		for (String second : new String[] { "0af7651916cd43dd8448eb211c80319c/1;o=1", TRACE_ID + "/12345;o=1" }) {
			Relayed relayed = relay(header("X-Cloud-Trace-Context", TRACE_ID + "/12345;o=1"),
					header("X-Cloud-Trace-Context", second));
			assertThat(relayed.server().getParentSpanContext().isValid()).isFalse();
			assertThat(relayed.server().getTraceId()).isNotEqualTo(TRACE_ID);
			assertThat(relayed.cloudTraceContext()).startsWith(relayed.server().getTraceId() + "/");
		}
		Relayed single = relay(header("X-Cloud-Trace-Context", TRACE_ID + "/12345;o=1"));
		assertThat(single.server().getTraceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void combinesRepeatedBaggageHeadersWithinLimits() throws Exception {
		Relayed relayed = relay(header("traceparent", TRACEPARENT), header("baggage", "a=1,b=2"),
				header("baggage", "c=3"));
		assertContinued(relayed);
		assertThat(relayed.baggage()).isEqualTo("a=1,b=2,c=3");
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			int from = i * 10;
			headers.add(header("baggage", IntStream.range(from, from + 10)
				.mapToObj((n) -> "k" + n + "=v")
				.collect(Collectors.joining(","))));
		}
		relayed = relay(headers);
		// The first 64 members, in the order they arrived; OpenTelemetry writes them sorted by key.
		assertThat(relayed.baggage().split(","))
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, 64).mapToObj((n) -> "k" + n + "=v").toList());
	}

	private static void assertContinued(Relayed relayed) {
		SpanData server = relayed.server();
		assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(server.getParentSpanId()).isEqualTo(SPAN_ID);
		assertThat(relayed.traceparent()).startsWith("00-" + TRACE_ID + "-");
	}

	@SafeVarargs
	private static Relayed relay(Map.Entry<String, String>... headers) throws IOException {
		return relay(List.of(headers));
	}

	private static Relayed relay(List<Map.Entry<String, String>> headers) throws IOException {
		spans.clear();
		RawHttp.Response response = RawHttp.get(TestApplications.port(context), "/relay", headers);
		assertThat(response.status()).isEqualTo(200);
		SpanData server = spans.awaitServer("GET /relay");
		SpanContext client = spans.awaitClient((span) -> span.getTraceId().equals(server.getTraceId()))
			.getSpanContext();
		assertThat(client.getTraceState()).isEqualTo(server.getSpanContext().getTraceState());
		return new Relayed(server, response.header("X-Received-Traceparent"),
				response.header("X-Received-Tracestate"), response.header("X-Received-Baggage"),
				response.header("X-Received-Cloud-Trace-Context"));
	}

	private static Map.Entry<String, String> header(String name, String value) {
		return Map.entry(name, value);
	}

	private static String members(int from, int to) {
		return IntStream.range(from, to)
			.mapToObj((i) -> String.format("bar%02d=%02d", i + 1, i + 1))
			.collect(Collectors.joining(","));
	}

	/**
	 * The server span of a request and the headers of the call it made.
	 */
	record Relayed(SpanData server, String traceparent, String tracestate, String baggage, String cloudTraceContext) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RelayController.class)
	static class ConformanceApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

	}

	@RestController
	static class RelayController {

		private final RestTemplate restTemplate;

		RelayController(RestTemplateBuilder restTemplateBuilder) {
			this.restTemplate = restTemplateBuilder.build();
		}

		@GetMapping("/relay")
		ResponseEntity<String> relay(HttpServletRequest request) {
			assertThat(Span.current().getSpanContext().isValid()).isTrue();
			HttpHeaders received = this.restTemplate
				.getForEntity("http://127.0.0.1:" + request.getLocalPort() + "/received", String.class)
				.getHeaders();
			ResponseEntity.BodyBuilder response = ResponseEntity.ok();
			for (String name : new String[] { "Traceparent", "Tracestate", "Baggage", "Cloud-Trace-Context" }) {
				String value = received.getFirst("X-Received-" + name);
				if (value != null) {
					response.header("X-Received-" + name, value);
				}
			}
			return response.body("relayed");
		}

		@GetMapping("/received")
		ResponseEntity<String> received(@RequestHeader HttpHeaders headers) {
			ResponseEntity.BodyBuilder response = ResponseEntity.ok();
			copy(headers, "traceparent", "Traceparent", response);
			copy(headers, "tracestate", "Tracestate", response);
			copy(headers, "baggage", "Baggage", response);
			copy(headers, "x-cloud-trace-context", "Cloud-Trace-Context", response);
			return response.body("received");
		}

		private static void copy(HttpHeaders headers, String name, String as, ResponseEntity.BodyBuilder response) {
			List<String> values = headers.get(name);
			if (values != null) {
				// More than one header, or none, would be a failure of the sender.
				assertThat(values).hasSize(1);
				response.header("X-Received-" + as, values.get(0));
			}
		}

	}

}
