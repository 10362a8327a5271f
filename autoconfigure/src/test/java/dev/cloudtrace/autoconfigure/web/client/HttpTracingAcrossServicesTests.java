package dev.cloudtrace.autoconfigure.web.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real applications on two ports: service A calls service B, and both report one trace.
 */
class HttpTracingAcrossServicesTests {

	private static final RecordedSpans spansOfA = new RecordedSpans();

	private static final RecordedSpans spansOfB = new RecordedSpans();

	private static final Map<String, String> headersReceivedByB = new ConcurrentHashMap<>();

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext serviceA;

	private static ConfigurableApplicationContext serviceB;

	private static String serviceBUrl;

	private static String serviceAUrl;

	@BeforeAll
	static void start() {
		serviceB = TestApplications.start("service-b", ServiceB.class);
		serviceBUrl = "http://127.0.0.1:" + TestApplications.port(serviceB);
		serviceA = TestApplications.start("service-a", ServiceA.class, "service-b.url=" + serviceBUrl,
				"cloudtrace.http.client.captured-request-headers=X-Client-Id",
				"cloudtrace.http.client.captured-response-headers=X-Work-Done");
		serviceAUrl = "http://127.0.0.1:" + TestApplications.port(serviceA);
	}

	@AfterAll
	static void stop() {
		serviceA.close();
		serviceB.close();
	}

	@BeforeEach
	void clear() {
		spansOfA.clear();
		spansOfB.clear();
		headersReceivedByB.clear();
	}

	@Test
	void joinsRestTemplateCallIntoOneTrace() throws Exception {
		assertOneTrace("/chain");
	}

	@Test
	void joinsRestClientCallIntoOneTrace() throws Exception {
		assertOneTrace("/chain-rest-client");
	}

	private void assertOneTrace(String path) throws Exception {
		assertThat(call(serviceAUrl + path)).isEqualTo("done");
		SpanData serverA = spansOfA.awaitServer("GET " + path);
		SpanData clientA = spansOfA.awaitClient((span) -> true);
		SpanData serverB = spansOfB.awaitServer("GET /work");
		assertThat(clientA.getName()).isEqualTo("GET");
		assertThat(clientA.getTraceId()).isEqualTo(serverA.getTraceId());
		assertThat(clientA.getParentSpanId()).isEqualTo(serverA.getSpanId());
		assertThat(serverB.getTraceId()).isEqualTo(serverA.getTraceId());
		assertThat(serverB.getParentSpanId()).isEqualTo(clientA.getSpanId());
		assertThat(serverB.getParentSpanContext().isRemote()).isTrue();
		assertThat(serverA.getResource().getAttribute(SERVICE_NAME)).isEqualTo("service-a");
		assertThat(clientA.getResource().getAttribute(SERVICE_NAME)).isEqualTo("service-a");
		assertThat(serverB.getResource().getAttribute(SERVICE_NAME)).isEqualTo("service-b");
		assertThat(headersReceivedByB).containsEntry("traceparent",
				"00-" + clientA.getTraceId() + "-" + clientA.getSpanId() + "-01");
		assertThat(headersReceivedByB).containsEntry("x-cloud-trace-context", clientA.getTraceId() + "/"
				+ Long.toUnsignedString(Long.parseUnsignedLong(clientA.getSpanId(), 16)) + ";o=1");
		assertThat(spansOfA.all()).hasSize(2);
		assertThat(spansOfB.all()).hasSize(1);
	}

	/**
	 * The attributes that OpenTelemetry's Spring MVC and Spring Web libraries (2.21) gave
	 * these spans before the starter built its instrumenters on the instrumentation API
	 * alone: the same keys, no more and no fewer.
	 */
	@Test
	void serverAndClientSpansKeepTheAttributesOfTheOpenTelemetryLibraries() throws Exception {
		call(serviceAUrl + "/chain");
		SpanData serverA = spansOfA.awaitServer("GET /chain");
		SpanData clientA = spansOfA.awaitClient((span) -> true);
		SpanData serverB = spansOfB.awaitServer("GET /work");
		String[] serverKeys = { "client.address", "http.request.method", "http.response.status_code", "http.route",
				"network.peer.address", "network.peer.port", "network.protocol.version", "server.address",
				"server.port", "url.path", "url.scheme", "user_agent.original" };
		assertThat(keys(serverA)).containsExactlyInAnyOrder(serverKeys);
		assertThat(keys(serverB)).containsExactlyInAnyOrder(serverKeys);
		assertThat(keys(clientA)).containsExactlyInAnyOrder("http.request.header.x-client-id", "http.request.method",
				"http.response.header.x-work-done", "http.response.status_code", "server.address", "server.port",
				"url.full");
		assertThat(serverB.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/work");
		assertThat(serverB.getAttributes().get(AttributeKey.stringKey("url.scheme"))).isEqualTo("http");
		assertThat(serverB.getAttributes().get(AttributeKey.stringKey("network.protocol.version"))).isEqualTo("1.1");
		assertThat(serverB.getAttributes().get(AttributeKey.longKey("server.port")))
			.isEqualTo(TestApplications.port(serviceB));
		assertThat(serverB.getAttributes().get(AttributeKey.stringKey("user_agent.original")))
			.startsWith("Java-http-client/");
		assertThat(List.of(serverA, clientA, serverB))
			.allSatisfy((span) -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
	}

	private static List<String> keys(SpanData span) {
		return span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey).toList();
	}

	@Test
	void recordsClientAttributes() throws Exception {
		call(serviceAUrl + "/chain");
		SpanData client = spansOfA.awaitClient((span) -> true);
		int port = TestApplications.port(serviceB);
		assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(client.getAttributes().get(URL_FULL)).isEqualTo(serviceBUrl + "/work");
		assertThat(client.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
		assertThat(client.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(port);
		assertThat(client.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
		assertThat(client.getAttributes().get(STATUS_CODE)).isEqualTo(200);
		assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void capturesConfiguredClientHeaders() throws Exception {
		call(serviceAUrl + "/chain");
		SpanData client = spansOfA.awaitClient((span) -> true);
		assertThat(client.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-client-id")))
			.containsExactly("client-a");
		assertThat(client.getAttributes().get(AttributeKey.stringArrayKey("http.response.header.x-work-done")))
			.containsExactly("yes");
	}

	@Test
	void marksServerErrorOfCalledServiceAsClientError() throws Exception {
		call(serviceAUrl + "/chain-failing");
		SpanData client = spansOfA.awaitClient((span) -> true);
		assertThat(client.getAttributes().get(STATUS_CODE)).isEqualTo(500);
		assertThat(client.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("500");
		assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void recordsConnectionFailureAsErrorType() throws Exception {
		call(serviceAUrl + "/chain-unreachable");
		SpanData client = spansOfA.awaitClient((span) -> true);
		assertThat(client.getAttributes().get(AttributeKey.stringKey("error.type"))).isNotBlank();
		assertThat(client.getAttributes().get(STATUS_CODE)).isNull();
		assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void redactsCredentialsAndSignedQueryValues() throws Exception {
		call(serviceAUrl + "/chain-signed");
		SpanData client = spansOfA.awaitClient((span) -> true);
		String url = client.getAttributes().get(URL_FULL);
		assertThat(url).startsWith("http://REDACTED:REDACTED@127.0.0.1:");
		assertThat(url).endsWith("/work?sig=REDACTED&Signature=REDACTED&X-Goog-Signature=REDACTED"
				+ "&AWSAccessKeyId=REDACTED&page=2");
		assertThat(url).doesNotContain("secret", "user", "hunter2");
	}

	private static String call(String url) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ServiceAController.class)
	static class ServiceA {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spansOfA.processor();
		}

		@Bean
		RestTemplate restTemplate(RestTemplateBuilder builder) {
			return builder.defaultHeader("X-Client-Id", "client-a").build();
		}

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.build();
		}

	}

	@RestController
	static class ServiceAController {

		private final RestTemplate restTemplate;

		private final RestClient restClient;

		private final String serviceB;

		ServiceAController(RestTemplate restTemplate, RestClient restClient, @Value("${service-b.url}") String serviceB) {
			this.restTemplate = restTemplate;
			this.restClient = restClient;
			this.serviceB = serviceB;
		}

		@GetMapping("/chain")
		String chain() {
			return this.restTemplate.getForObject(this.serviceB + "/work", String.class);
		}

		@GetMapping("/chain-rest-client")
		String chainRestClient() {
			return this.restClient.get().uri(this.serviceB + "/work").retrieve().body(String.class);
		}

		@GetMapping("/chain-failing")
		String chainFailing() {
			try {
				return this.restTemplate.getForObject(this.serviceB + "/work?fail=true", String.class);
			}
			catch (RestClientException ex) {
				return "failed";
			}
		}

		@GetMapping("/chain-unreachable")
		String chainUnreachable() {
			try {
				// Port 1 on loopback: nothing listens there, the connection is refused.
				return this.restTemplate.getForObject("http://127.0.0.1:1/work", String.class);
			}
			catch (RestClientException ex) {
				return "unreachable";
			}
		}

		@GetMapping("/chain-signed")
		String chainSigned() {
			String url = this.serviceB.replace("http://", "http://user:hunter2@")
					+ "/work?sig=secret1&Signature=secret2&X-Goog-Signature=secret3&AWSAccessKeyId=secret4&page=2";
			try {
				return this.restTemplate.getForObject(URI.create(url), String.class);
			}
			catch (RestClientException ex) {
				return "failed";
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ServiceBController.class)
	static class ServiceB {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spansOfB.processor();
		}

	}

	@RestController
	static class ServiceBController {

		@GetMapping("/work")
		ResponseEntity<String> work(@RequestHeader HttpHeaders headers,
				@RequestParam(name = "fail", defaultValue = "false") boolean fail) {
			headers.forEach((name, values) -> headersReceivedByB.put(name.toLowerCase(), values.get(0)));
			if (fail) {
				return ResponseEntity.internalServerError().body("failed");
			}
			return ResponseEntity.ok().header("X-Work-Done", "yes").body("done");
		}

	}

}
