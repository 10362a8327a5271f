package dev.cloudtrace.autoconfigure.web.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.request.async.DeferredResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server spans of a real application, asserted on over real HTTP.
 */
class HttpServerTracingIntegrationTests {

	private static final RecordedSpans spans = new RecordedSpans();

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

	private static final Duration ASYNC_DELAY = Duration.ofMillis(300);

	private static ConfigurableApplicationContext context;

	private static HttpClient client;

	private static String baseUrl;

	@BeforeAll
	static void start() {
		// Following an unsampled remote parent is the default off Google Cloud; set, so that
		// recordsNothingForUnsampledCloudTraceContext also holds on a Compute Engine CI machine,
		// where the default is to decide.
		context = TestApplications.start("traced-server", ServerApplication.class,
				"cloudtrace.http.server.captured-request-headers=X-Request-Id",
				"cloudtrace.http.server.captured-response-headers=X-Response-Id",
				"cloudtrace.sampler.remote-parent-not-sampled=follow");
		baseUrl = "http://127.0.0.1:" + TestApplications.port(context);
		client = HttpClient.newHttpClient();
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
	void namesSpanAfterRouteTemplate() throws Exception {
		assertThat(get("/users/42").statusCode()).isEqualTo(200);
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getAttributes().get(HTTP_ROUTE)).isEqualTo("/users/{id}");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/users/42");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
		assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(200);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(span.getParentSpanContext().isValid()).isFalse();
		assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
			.isEqualTo("traced-server");
	}

	@Test
	void readsAddressesSchemeAndUserAgentFromRepeatedAndForwardedHeaders() throws Exception {
		get("/users/1", "X-Forwarded-For", "203.0.113.7, 10.0.0.1", "X-Forwarded-For", "10.0.0.2",
				"X-Forwarded-Host", "shop.example.com:8443", "X-Forwarded-Proto", "https", "User-Agent",
				"test-agent/1.0");
		SpanData xForwarded = spans.awaitServer("GET /users/{id}");
		assertThat(xForwarded.getAttributes().get(AttributeKey.stringKey("client.address"))).isEqualTo("203.0.113.7");
		assertThat(xForwarded.getAttributes().get(AttributeKey.stringKey("server.address")))
			.isEqualTo("shop.example.com");
		assertThat(xForwarded.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(8443);
		assertThat(xForwarded.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("https");
		assertThat(xForwarded.getAttributes().get(AttributeKey.stringKey("user_agent.original")))
			.isEqualTo("test-agent/1.0");
		spans.clear();
		get("/users/2", "Forwarded", "for=198.51.100.9;host=forwarded.example;proto=https", "X-Forwarded-For",
				"203.0.113.7");
		SpanData forwarded = spans.awaitServer("GET /users/{id}");
		assertThat(forwarded.getAttributes().get(AttributeKey.stringKey("client.address"))).isEqualTo("198.51.100.9");
		assertThat(forwarded.getAttributes().get(AttributeKey.stringKey("server.address")))
			.isEqualTo("forwarded.example");
		assertThat(forwarded.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("https");
		spans.clear();
		get("/users/3");
		SpanData direct = spans.awaitServer("GET /users/{id}");
		assertThat(direct.getAttributes().get(AttributeKey.stringKey("client.address"))).isEqualTo("127.0.0.1");
		assertThat(direct.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
		assertThat(direct.getAttributes().get(AttributeKey.longKey("server.port")))
			.isEqualTo(TestApplications.port(context));
		assertThat(direct.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
	}

	@Test
	void recordsNotFoundWithoutRouteOrError() throws Exception {
		assertThat(get("/missing/thing").statusCode()).isEqualTo(404);
		SpanData span = spans.awaitServer("GET");
		assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(404);
		assertThat(span.getAttributes().get(HTTP_ROUTE)).isNull();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void marksServerErrorResponseAsError() throws Exception {
		assertThat(get("/unavailable").statusCode()).isEqualTo(503);
		SpanData span = spans.awaitServer("GET /unavailable");
		assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(503);
		assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("503");
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).isEmpty();
	}

	@Test
	void recordsExceptionThatEscapesController() throws Exception {
		assertThat(get("/fail").statusCode()).isEqualTo(500);
		SpanData span = spans.awaitServer("GET /fail");
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(500);
		// Semantic conventions: the status code is the error type when there is one.
		assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("500");
		assertThat(span.getEvents()).hasSize(1);
		EventData event = span.getEvents().get(0);
		assertThat(event.getName()).isEqualTo("exception");
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message"))).isEqualTo("boom");
	}

	@Test
	void endsCallableRequestWhenResponseCompletes() throws Exception {
		assertAsyncSpan("/async/callable", "GET /async/callable");
	}

	@Test
	void endsDeferredResultRequestWhenResponseCompletes() throws Exception {
		assertAsyncSpan("/async/deferred", "GET /async/deferred");
	}

	@Test
	void endsCompletableFutureRequestWhenResponseCompletes() throws Exception {
		assertAsyncSpan("/async/future", "GET /async/future");
	}

	@Test
	void callFromCallableJoinsTheRequestTrace() throws Exception {
		assertThat(get("/async/relay").body()).isEqualTo("user 8");
		SpanData server = spans.awaitServer("GET /async/relay");
		SpanData client = spans.awaitClient((span) -> span.getTraceId().equals(server.getTraceId()));
		assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
		SpanData downstream = spans.await((span) -> span.getKind() == SpanKind.SERVER
				&& span.getParentSpanId().equals(client.getSpanId()));
		assertThat(downstream.getName()).isEqualTo("GET /users/{id}");
	}

	private void assertAsyncSpan(String path, String name) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("done");
		SpanData span = spans.awaitServer(name);
		assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isGreaterThanOrEqualTo(ASYNC_DELAY.toNanos());
		assertThat(span.getAttributes().get(STATUS_CODE)).isEqualTo(200);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void continuesW3cTraceContext() throws Exception {
		get("/users/1", "traceparent", TRACEPARENT);
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
		assertThat(span.getParentSpanContext().isRemote()).isTrue();
	}

	@Test
	void continuesCloudTraceContext() throws Exception {
		get("/users/1", "X-Cloud-Trace-Context", TRACE_ID + "/12345;o=1");
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(String.format("%016x", 12345L));
	}

	@Test
	void prefersTraceparentOverCloudTraceContext() throws Exception {
		get("/users/1", "X-Cloud-Trace-Context", "0af7651916cd43dd8448eb211c80319c/12345;o=1", "traceparent",
				TRACEPARENT);
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
	}

	@Test
	void recordsNothingForUnsampledCloudTraceContext() throws Exception {
		assertThat(get("/users/1", "X-Cloud-Trace-Context", TRACE_ID + "/12345;o=0").statusCode()).isEqualTo(200);
		assertThat(get("/users/2").statusCode()).isEqualTo(200);
		spans.await((span) -> "/users/2".equals(span.getAttributes().get(AttributeKey.stringKey("url.path"))));
		assertThat(spans.all()).noneMatch((span) -> span.getTraceId().equals(TRACE_ID));
		assertThat(spans.all()).hasSize(1);
	}

	@Test
	void startsNewTraceForMalformedTraceparent() throws Exception {
		assertNewTrace("traceparent", "00-" + TRACE_ID + "-zz" + PARENT_SPAN_ID.substring(2) + "-01");
		assertNewTrace("traceparent", "garbage");
		assertNewTrace("traceparent", "00-00000000000000000000000000000000-" + PARENT_SPAN_ID + "-01");
	}

	@Test
	void startsNewTraceForMalformedCloudTraceContext() throws Exception {
		assertNewTrace("X-Cloud-Trace-Context", TRACE_ID + "/notanumber;o=1");
		assertNewTrace("X-Cloud-Trace-Context", "short/1;o=1");
		assertNewTrace("X-Cloud-Trace-Context", TRACE_ID + "/99999999999999999999999;o=1");
	}

	@Test
	void startsNewTraceForMalformedTracestateAlone() throws Exception {
		assertNewTrace("tracestate", "=,,==,not a valid state");
	}

	@Test
	void keepsTraceparentButDropsMalformedTracestate() throws Exception {
		assertThat(get("/users/1", "traceparent", TRACEPARENT, "tracestate", "=,,==,not a valid state").statusCode())
			.isEqualTo(200);
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(span.getParentSpanContext().getTraceState().isEmpty()).isTrue();
	}

	private void assertNewTrace(String header, String value) throws Exception {
		spans.clear();
		assertThat(get("/users/1", header, value).statusCode()).isEqualTo(200);
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getParentSpanContext().isValid()).isFalse();
		assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
	}

	@Test
	void createsNoSpanForExcludedPathButContinuesTraceThroughIt() throws Exception {
		assertThat(get("/actuator/relay", "traceparent", TRACEPARENT).statusCode()).isEqualTo(200);
		SpanData client = spans.awaitClient((span) -> true);
		SpanData downstream = spans.awaitServer("GET /users/{id}");
		assertThat(client.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(client.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
		assertThat(downstream.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(downstream.getParentSpanId()).isEqualTo(client.getSpanId());
		assertThat(spans.ofKind(SpanKind.SERVER)).extracting(SpanData::getName).containsExactly("GET /users/{id}");
	}

	@Test
	void createsNoSpanForExcludedPathWithoutIncomingTrace() throws Exception {
		assertThat(get("/actuator/relay").statusCode()).isEqualTo(200);
		SpanData client = spans.awaitClient((span) -> true);
		spans.awaitServer("GET /users/{id}");
		assertThat(client.getParentSpanContext().isValid()).isFalse();
		assertThat(spans.ofKind(SpanKind.SERVER)).hasSize(1);
	}

	@Test
	void capturesConfiguredHeaders() throws Exception {
		get("/users/5", "X-Request-Id", "req-1", "X-Other", "not captured");
		SpanData span = spans.awaitServer("GET /users/{id}");
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-request-id")))
			.containsExactly("req-1");
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("http.response.header.x-response-id")))
			.containsExactly("r-5");
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-other"))).isNull();
	}

	private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestController.class)
	static class ServerApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

	}

	@RestController
	static class TestController {

		private final RestTemplate restTemplate;

		private final Environment environment;

		TestController(RestTemplateBuilder restTemplateBuilder, Environment environment) {
			this.restTemplate = restTemplateBuilder.build();
			this.environment = environment;
		}

		@GetMapping("/users/{id}")
		String user(@PathVariable String id, HttpServletResponse response) {
			response.setHeader("X-Response-Id", "r-" + id);
			return "user " + id;
		}

		@GetMapping("/unavailable")
		ResponseEntity<String> unavailable() {
			return ResponseEntity.status(503).body("down");
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("boom");
		}

		@GetMapping("/async/callable")
		Callable<String> callable() {
			return () -> {
				Thread.sleep(ASYNC_DELAY.toMillis());
				return "done";
			};
		}

		@GetMapping("/async/relay")
		Callable<String> asyncRelay() {
			String port = this.environment.getProperty("local.server.port");
			return () -> this.restTemplate.getForObject("http://127.0.0.1:" + port + "/users/8", String.class);
		}

		@GetMapping("/async/deferred")
		DeferredResult<String> deferred() {
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.delayedExecutor(ASYNC_DELAY.toMillis(), TimeUnit.MILLISECONDS)
				.execute(() -> result.setResult("done"));
			return result;
		}

		@GetMapping("/async/future")
		CompletableFuture<String> future() {
			return CompletableFuture.supplyAsync(() -> "done",
					CompletableFuture.delayedExecutor(ASYNC_DELAY.toMillis(), TimeUnit.MILLISECONDS));
		}

		@GetMapping("/actuator/relay")
		String relay() {
			String port = this.environment.getProperty("local.server.port");
			return this.restTemplate.getForObject("http://127.0.0.1:" + port + "/users/7", String.class);
		}

	}


}
