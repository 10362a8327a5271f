package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
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
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudtrace.propagation.trust-incoming}, over real HTTP: an edge service starts a
 * new trace for each request, linked to the incoming context, and its own sampler decides;
 * a service that trusts the incoming context (the default) continues it.
 */
class UntrustedIncomingContextTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final String SAMPLED = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private static final String NOT_SAMPLED = "00-" + TRACE_ID + "-" + SPAN_ID + "-00";

	private static final RecordedSpans trustingSpans = new RecordedSpans();

	private static final RecordedSpans edgeSpans = new RecordedSpans();

	private static final RecordedSpans unsampledEdgeSpans = new RecordedSpans();

	private static ConfigurableApplicationContext trusting;

	private static ConfigurableApplicationContext edge;

	private static ConfigurableApplicationContext unsampledEdge;

	@BeforeAll
	static void start() {
		trusting = TestApplications.start("trusting", TrustingApplication.class);
		edge = TestApplications.start("edge", EdgeApplication.class, "cloudtrace.propagation.trust-incoming=false");
		unsampledEdge = TestApplications.start("unsampled-edge", UnsampledEdgeApplication.class,
				"cloudtrace.propagation.trust-incoming=false", "cloudtrace.sampler.probability=0.0");
	}

	@AfterAll
	static void stop() {
		trusting.close();
		edge.close();
		unsampledEdge.close();
	}

	@BeforeEach
	void clear() {
		trustingSpans.clear();
		edgeSpans.clear();
		unsampledEdgeSpans.clear();
	}

	@Test
	void trustingServiceContinuesIncomingTrace() throws Exception {
		HttpResponse<String> response = get(trusting, "/edge", "traceparent", SAMPLED, "baggage", "role=admin");
		SpanData server = trustingSpans.awaitServer("GET /edge");
		assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(server.getParentSpanId()).isEqualTo(SPAN_ID);
		assertThat(server.getLinks()).isEmpty();
		assertThat(response.body()).startsWith("traceparent=00-" + TRACE_ID + "-").contains("baggage=role=admin");
	}

	@Test
	void edgeStartsNewTraceLinkedToIncomingContext() throws Exception {
		HttpResponse<String> response = get(edge, "/edge", "traceparent", SAMPLED, "tracestate", "vendor=opaque");
		SpanData server = edgeSpans.awaitServer("GET /edge");
		assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID)
			.isEqualTo(response.headers().firstValue("X-Trace-Id").get());
		assertThat(server.getParentSpanContext().isValid()).isFalse();
		assertThat(server.getSpanContext().getTraceState().isEmpty()).isTrue();
		assertThat(server.getLinks()).singleElement().satisfies((link) -> assertLinkedToIncoming(link, true));
		SpanData client = edgeSpans.awaitClient((span) -> span.getTraceId().equals(server.getTraceId()));
		assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(client.getLinks()).isEmpty();
		// The call made while serving the request carries the new trace, not the incoming one.
		assertThat(response.body()).contains("traceparent=00-" + server.getTraceId() + "-" + client.getSpanId() + "-01")
			.doesNotContain(TRACE_ID)
			.doesNotContain("vendor=opaque");
	}

	@Test
	void edgeRecordsRequestWhoseCallerAskedNotToSample() throws Exception {
		get(edge, "/edge", "traceparent", NOT_SAMPLED);
		SpanData server = edgeSpans.awaitServer("GET /edge");
		assertThat(server.getSpanContext().isSampled()).isTrue();
		assertThat(server.getLinks()).singleElement().satisfies((link) -> assertLinkedToIncoming(link, false));
	}

	@Test
	void edgeDropsIncomingBaggage() throws Exception {
		HttpResponse<String> response = get(edge, "/edge", "traceparent", SAMPLED, "baggage", "role=admin");
		assertThat(response.body()).contains("baggage=null").doesNotContain("role=admin");
	}

	@Test
	void edgeDecidesSamplingOfCloudTraceHeaderWithoutDecision() throws Exception {
		HttpResponse<String> response = get(edge, "/edge", "X-Cloud-Trace-Context", TRACE_ID + "/12345");
		SpanData server = edgeSpans.awaitServer("GET /edge");
		assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID);
		assertThat(server.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(TRACE_ID));
		// The forwarded header carries this service's decision, not the open one it received.
		assertThat(response.body()).contains("x-cloud-trace-context=" + server.getTraceId() + "/")
			.contains(";o=1");
	}

	@Test
	void edgeLinksFirstSpanOfExcludedPath() throws Exception {
		HttpResponse<String> response = get(edge, "/actuator/relay", "traceparent", SAMPLED);
		SpanData client = edgeSpans.awaitClient((span) -> true);
		assertThat(client.getTraceId()).isNotEqualTo(TRACE_ID);
		assertThat(client.getParentSpanContext().isValid()).isFalse();
		assertThat(client.getLinks()).singleElement().satisfies((link) -> assertLinkedToIncoming(link, true));
		assertThat(response.body()).contains("traceparent=00-" + client.getTraceId() + "-");
	}

	@Test
	void sampledFlagCannotForceRecordingAtEdge() throws Exception {
		HttpResponse<String> response = get(unsampledEdge, "/edge", "traceparent", SAMPLED);
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("X-Trace-Id").get();
		assertThat(traceId).isNotEqualTo(TRACE_ID);
		assertThat(response.body()).containsPattern("traceparent=00-" + traceId + "-[0-9a-f]{16}-00\n");
		Awaitility.await()
			.during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> unsampledEdgeSpans.all().isEmpty());
	}

	private static void assertLinkedToIncoming(LinkData link, boolean sampled) {
		SpanContext linked = link.getSpanContext();
		assertThat(linked.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(linked.getSpanId()).isEqualTo(SPAN_ID);
		assertThat(linked.isSampled()).isEqualTo(sampled);
		assertThat(linked.isRemote()).isTrue();
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String... headers)
			throws IOException, InterruptedException {
		return TestApplications.get(app, path, headers);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RelayController.class)
	static class TrustingApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return trustingSpans.processor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RelayController.class)
	static class EdgeApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return edgeSpans.processor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RelayController.class)
	static class UnsampledEdgeApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return unsampledEdgeSpans.processor();
		}

	}

	@RestController
	static class RelayController {

		private final RestClient restClient;

		private final Environment environment;

		RelayController(RestClient.Builder restClientBuilder, Environment environment) {
			this.restClient = restClientBuilder.build();
			this.environment = environment;
		}

		@GetMapping({ "/edge", "/actuator/relay" })
		ResponseEntity<String> edge() {
			String traceId = Span.current().getSpanContext().getTraceId();
			String received = this.restClient.get()
				.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/received")
				.retrieve()
				.body(String.class);
			return ResponseEntity.ok().header("X-Trace-Id", traceId).body(received);
		}

		@GetMapping("/received")
		String received(@RequestHeader(name = "traceparent", required = false) String traceparent,
				@RequestHeader(name = "baggage", required = false) String baggage,
				@RequestHeader(name = "x-cloud-trace-context", required = false) String cloudTraceContext) {
			return "traceparent=" + traceparent + "\nbaggage=" + baggage + "\nx-cloud-trace-context="
					+ cloudTraceContext;
		}

	}

}
