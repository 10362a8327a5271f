package dev.cloudtrace.autoconfigure.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials stay off spans, over real HTTP: query values that look like credentials are
 * redacted in {@code url.query} and {@code url.full}, and headers that carry credentials
 * are not captured even when listed, with a warning at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpPrivacyTests {

	private static final RecordedSpans spans = new RecordedSpans();

	private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static ConfigurableApplicationContext context;

	private static String baseUrl;

	private static String startupLog;

	@BeforeAll
	static void start(CapturedOutput output) {
		context = TestApplications.start("private", PrivateApplication.class,
				"cloudtrace.http.server.captured-request-headers=X-Request-Id,Authorization,Cookie",
				"cloudtrace.http.server.captured-response-headers=X-Response-Id,Set-Cookie",
				"cloudtrace.http.client.captured-request-headers=X-Client-Id,Proxy-Authorization",
				"cloudtrace.http.client.captured-response-headers=X-Response-Id,set-cookie");
		baseUrl = "http://127.0.0.1:" + TestApplications.port(context);
		startupLog = output.getOut();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@BeforeEach
	void clear() {
		spans.clear();
	}

	@Test
	void redactsCredentialsInQueryOfServerSpan() throws Exception {
		get("/target?q=shoes&access_token=abc&api_key=k1&page=2&Signature=s");
		SpanData server = spans.awaitServer("GET /target");
		assertThat(server.getAttributes().get(URL_QUERY))
			.isEqualTo("q=shoes&access_token=REDACTED&api_key=REDACTED&page=2&Signature=REDACTED");
		assertThat(server.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/target");
	}

	@Test
	void leavesOrdinaryQueryOfServerSpanAlone() throws Exception {
		get("/target?q=shoes&page=2");
		assertThat(spans.awaitServer("GET /target").getAttributes().get(URL_QUERY)).isEqualTo("q=shoes&page=2");
	}

	@Test
	void redactsCredentialsInUrlOfClientSpan() throws Exception {
		get("/relay");
		SpanData client = spans.awaitClient((span) -> true);
		String redacted = "sig=REDACTED&X-Goog-Signature=REDACTED&key=REDACTED&password=REDACTED&token=REDACTED&page=2";
		assertThat(client.getAttributes().get(URL_FULL)).isEqualTo(baseUrl + "/target?" + redacted);
		SpanData downstream = spans.await((span) -> span.getParentSpanId().equals(client.getSpanId()));
		assertThat(downstream.getAttributes().get(URL_QUERY)).isEqualTo(redacted);
	}

	@Test
	void refusesHeadersThatCarryCredentialsOnServerSpans() throws Exception {
		get("/target", "X-Request-Id", "req-1", "Authorization", "Bearer secret-token", "Cookie", "session=secret");
		SpanData server = spans.awaitServer("GET /target");
		assertThat(server.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-request-id")))
			.containsExactly("req-1");
		assertThat(server.getAttributes().get(AttributeKey.stringArrayKey("http.response.header.x-response-id")))
			.containsExactly("r-1");
		assertThat(headerAttributes(server)).containsExactlyInAnyOrder("http.request.header.x-request-id",
				"http.response.header.x-response-id");
		assertThat(server.getAttributes().toString()).doesNotContain("secret");
	}

	@Test
	void refusesHeadersThatCarryCredentialsOnClientSpans() throws Exception {
		get("/relay");
		SpanData client = spans.awaitClient((span) -> true);
		assertThat(client.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.x-client-id")))
			.containsExactly("client-1");
		assertThat(headerAttributes(client)).containsExactlyInAnyOrder("http.request.header.x-client-id",
				"http.response.header.x-response-id");
		assertThat(client.getAttributes().toString()).doesNotContain("secret");
	}

	@Test
	void warnsAtStartupAboutEveryRefusedHeaderNamingTheProperty() {
		List<String> warnings = startupLog.lines().filter((line) -> line.contains("carry credentials")).toList();
		assertThat(warnings).hasSize(4).allMatch((line) -> line.contains("WARN"));
		assertThat(warnings).anyMatch(containing("http.server.captured-request-headers lists Authorization, Cookie,"))
			.anyMatch(containing("http.server.captured-response-headers lists Set-Cookie,"))
			.anyMatch(containing("http.client.captured-request-headers lists Proxy-Authorization,"))
			.anyMatch(containing("http.client.captured-response-headers lists set-cookie,"));
	}

	private static Predicate<String> containing(String text) {
		return (line) -> line.contains("cloudtrace." + text);
	}

	private static List<String> headerAttributes(SpanData span) {
		return span.getAttributes()
			.asMap()
			.keySet()
			.stream()
			.map(AttributeKey::getKey)
			.filter((key) -> key.startsWith("http.request.header.") || key.startsWith("http.response.header."))
			.toList();
	}

	private static void get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(10));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(PrivateController.class)
	static class PrivateApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

	}

	@RestController
	static class PrivateController {

		private final RestClient restClient;

		private final Environment environment;

		PrivateController(RestClient.Builder restClientBuilder, Environment environment) {
			this.restClient = restClientBuilder.build();
			this.environment = environment;
		}

		@GetMapping("/target")
		String target(HttpServletResponse response) {
			response.setHeader("X-Response-Id", "r-1");
			response.addHeader("Set-Cookie", "session=secret-session; HttpOnly");
			return "target";
		}

		@GetMapping("/relay")
		String relay() {
			return this.restClient.get()
				.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port")
						+ "/target?sig=s1&X-Goog-Signature=g1&key=AIza-secret&password=secret&token=t1&page=2")
				.header("X-Client-Id", "client-1")
				.header("Proxy-Authorization", "Basic secret")
				.retrieve()
				.body(String.class);
		}

	}

}
