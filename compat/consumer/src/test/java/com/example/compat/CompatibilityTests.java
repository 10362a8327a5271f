package com.example.compat;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter seen from outside on one Spring Boot line: real requests to the consumer
 * application, and the spans that reached a fake OTLP endpoint over the wire.
 */
class CompatibilityTests {

	private static final Duration SPANS_ARRIVE_WITHIN = Duration.ofSeconds(15);

	// Closing flushes the queue before it returns; a little more for the fake to record them.
	private static final Duration FLUSHED_WITHIN = Duration.ofSeconds(5);

	private static final String FRONT_TRACE = """
			SERVER GET /front
			  CLIENT GET
			    SERVER GET /back
			      INTERNAL do_work""";

	private static final String FRONT_RESTCLIENT_TRACE = """
			SERVER GET /front-restclient
			  CLIENT GET
			    SERVER GET /back
			      INTERNAL do_work""";

	private static final String BACK_TRACE = """
			SERVER GET /back
			  INTERNAL do_work""";

	private static final String DATABASE_TRACE = """
			SERVER GET /database
			  INTERNAL HikariDataSource.getConnection
			  CLIENT SELECT compat""";

	private static FakeOtlpEndpoint otlp;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		otlp = new FakeOtlpEndpoint();
		app = ConsumerApp.start(otlp, "100ms");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		otlp.close();
	}

	// Each test waits for all of its own spans, so none is left to arrive in the next one.
	@BeforeEach
	void clearSpans() {
		otlp.clear();
	}

	@Test
	void restTemplateCallMakesOneTraceOfFourSpans() throws Exception {
		HttpResponse<String> response = getOk(app, "/front", Map.of());
		awaitTraces(otlp, FRONT_TRACE);
		List<ReceivedSpan> spans = otlp.spans();
		assertThat(span(spans, "GET /front").parentSpanId()).as("parent of the first server span").isEmpty();
		ReceivedSpan client = span(spans, "GET");
		String traceparent = receivedHeader(response, "traceparent");
		assertThat(traceparent).as("traceparent that /back received")
			.startsWith("00-" + client.traceId() + "-" + client.spanId() + "-")
			.hasSize(55);
		// Sampled; OpenTelemetry 1.62 (Boot 4.1) also sets W3C Level 2's random-trace-id flag: 03.
		assertThat(Integer.parseInt(traceparent.substring(53), 16) & 0x01).as("sampled flag of " + traceparent)
			.isEqualTo(1);
		assertThat(spans).allSatisfy((span) -> assertThat(span.resource()).containsEntry("service.name", "compat-app")
			.containsEntry("telemetry.sdk.language", "java"));
	}

	@Test
	void continuesAndPropagatesXCloudTraceContext() throws Exception {
		SecureRandom random = new SecureRandom();
		byte[] traceIdBytes = new byte[16];
		random.nextBytes(traceIdBytes);
		String traceId = HexFormat.of().formatHex(traceIdBytes);
		long spanId = random.nextLong(1, Long.MAX_VALUE);
		HttpResponse<String> response = getOk(app, "/front",
				Map.of("X-Cloud-Trace-Context", traceId + "/" + spanId + ";o=1"));
		awaitTraces(otlp, FRONT_TRACE);
		List<ReceivedSpan> spans = otlp.spans();
		assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(traceId);
		assertThat(span(spans, "GET /front").parentSpanId()).as("parent of the first server span")
			.isEqualTo("%016x".formatted(spanId));
		long clientSpanId = Long.parseUnsignedLong(span(spans, "GET").spanId(), 16);
		assertThat(receivedHeader(response, "X-Cloud-Trace-Context"))
			.as("X-Cloud-Trace-Context that /back received, injected by the client span")
			.isEqualTo(traceId + "/" + Long.toUnsignedString(clientSpanId) + ";o=1");
	}

	@Test
	void restClientCallIsAClientSpanBetweenTheServerSpans() throws Exception {
		getOk(app, "/front-restclient", Map.of());
		awaitTraces(otlp, FRONT_RESTCLIENT_TRACE);
	}

	@Test
	void jdbcStatementIsAClientSpanOfTheServerSpanWithItsSanitizedText() throws Exception {
		getOk(app, "/database", Map.of());
		awaitTraces(otlp, DATABASE_TRACE);
		assertThat(span(otlp.spans(), "SELECT compat").attributes()).containsEntry("db.system", "h2")
			.containsEntry("db.statement", "select ? where ? = ?");
	}

	@Test
	void actuatorRequestMakesNoSpan() throws Exception {
		getOk(app, "/actuator/health", Map.of());
		// Spans are exported in the order they end: once the spans of a later request arrived,
		// a span of the health request would have arrived too.
		getOk(app, "/back", Map.of());
		awaitTraces(otlp, BACK_TRACE);
		assertThat(otlp.spans()).as("spans of /actuator/health")
			.filteredOn((span) -> span.name().contains("/actuator")
					|| span.attributes().values().stream().anyMatch((value) -> value.contains("/actuator")))
			.isEmpty();
	}

	@Test
	void cloudTraceHealthContributorIsUp() throws Exception {
		// Boot 4's health API or Boot 3's, whichever the line has; 404 if neither contributed.
		HttpResponse<String> response = getOk(app, "/actuator/health/cloudTrace", Map.of());
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void flushesQueuedSpansWhenTheApplicationCloses() throws Exception {
		try (FakeOtlpEndpoint shutdownOtlp = new FakeOtlpEndpoint()) {
			ConfigurableApplicationContext second = ConsumerApp.start(shutdownOtlp, "10m");
			try {
				getOk(second, "/front", Map.of());
				// With a 10 minute delay between exports, the spans wait in the queue.
				await("no span exported before the application closes").during(Duration.ofSeconds(2))
					.atMost(Duration.ofSeconds(3))
					.until(() -> shutdownOtlp.spans().isEmpty());
			}
			finally {
				second.close();
			}
			awaitTraces(shutdownOtlp, FLUSHED_WITHIN, FRONT_TRACE);
		}
	}

	private static HttpResponse<String> getOk(ConfigurableApplicationContext app, String path,
			Map<String, String> headers) throws Exception {
		HttpResponse<String> response = ConsumerApp.get(app, path, headers);
		assertThat(response.statusCode()).as("status of GET %s (body: %s)", path, response.body()).isEqualTo(200);
		return response;
	}

	private static void awaitTraces(FakeOtlpEndpoint endpoint, String... expected) {
		awaitTraces(endpoint, SPANS_ARRIVE_WITHIN, expected);
	}

	private static void awaitTraces(FakeOtlpEndpoint endpoint, Duration timeout, String... expected) {
		await().atMost(timeout).untilAsserted(() -> {
			assertThat(endpoint.errors()).as("requests the fake OTLP endpoint could not decode").isEmpty();
			assertThat(SpanTrees.of(endpoint.spans())).as("traces received, drawn as trees").containsExactly(expected);
		});
	}

	private static ReceivedSpan span(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	// /back answers one "name: value" line for each trace header it received.
	private static String receivedHeader(HttpResponse<String> response, String name) {
		return response.body()
			.lines()
			.filter((line) -> line.startsWith(name + ": "))
			.map((line) -> line.substring(name.length() + 2))
			.findFirst()
			.orElse("");
	}

}
