package dev.cloudtrace.autoconfigure.boot3.web.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.boot3.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test on Spring Boot 3 with embedded Tomcat: a controller calls the same
 * application through a {@link RestTemplate} built by Spring Boot 3's
 * {@link RestTemplateBuilder}, and the called endpoint answers with the {@code traceparent}
 * it received over the wire.
 */
class Boot3RestTemplateEndToEndTests {

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	private ConfigurableApplicationContext context;

	@AfterEach
	void closeContext() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void restTemplateFromSpringBoot3BuilderCreatesClientSpanAndPropagatesTraceContext() throws Exception {
		this.context = new SpringApplicationBuilder(CallingApplication.class)
			.properties(CloudTraceContextRunners.OFFLINE)
			.properties("server.port=0", "cloudtrace.batch.schedule-delay=50ms")
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/call")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		InMemorySpanExporter exporter = this.context.getBean(InMemorySpanExporter.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(exporter.getFinishedSpanItems()).hasSize(3));
		List<SpanData> spans = exporter.getFinishedSpanItems();
		SpanData callServer = single(spans, SpanKind.SERVER, URL_PATH, "/call");
		SpanData client = single(spans, SpanKind.CLIENT, URL_FULL, "http://localhost:" + port + "/traceparent");
		SpanData calledServer = single(spans, SpanKind.SERVER, URL_PATH, "/traceparent");
		assertThat(client.getTraceId()).isEqualTo(callServer.getTraceId());
		assertThat(client.getParentSpanId()).isEqualTo(callServer.getSpanId());
		assertThat(calledServer.getParentSpanId()).isEqualTo(client.getSpanId());
		assertThat(response.body()).isEqualTo("00-" + callServer.getTraceId() + "-" + client.getSpanId() + "-01");
	}

	private static SpanData single(List<SpanData> spans, SpanKind kind, AttributeKey<String> key, String value) {
		List<SpanData> matching = spans.stream()
			.filter((span) -> span.getKind() == kind && value.equals(span.getAttributes().get(key)))
			.toList();
		assertThat(matching).as("%s span with %s=%s in %s", kind, key, value, spans).hasSize(1);
		return matching.get(0);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CallingController.class)
	static class CallingApplication {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	@RestController
	static class CallingController {

		private final RestTemplate restTemplate;

		// Built here rather than as a bean, so that only the builder's customizer, not the
		// starter's bean post-processor, can add the tracing interceptor.
		CallingController(RestTemplateBuilder builder) {
			this.restTemplate = builder.build();
		}

		@GetMapping("/call")
		String call(HttpServletRequest request) {
			return this.restTemplate.getForObject("http://localhost:" + request.getLocalPort() + "/traceparent",
					String.class);
		}

		@GetMapping("/traceparent")
		String traceparent(@RequestHeader(name = "traceparent", defaultValue = "none") String traceparent) {
			return traceparent;
		}

	}

}
