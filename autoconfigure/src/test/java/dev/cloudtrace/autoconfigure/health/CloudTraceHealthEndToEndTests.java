package dev.cloudtrace.autoconfigure.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application with Spring Boot Actuator whose export endpoint fails, then recovers:
 * {@code /actuator/health} and {@code /actuator/metrics} over HTTP show the failure
 * episode and its counts, and the application stays {@code UP}, liveness and readiness
 * included, throughout.
 */
class CloudTraceHealthEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String EXPORTER = "$.components.cloudTrace.details.exporters.cloudTraceSpanExporter";

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeTelemetryApi api;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws IOException {
		this.api = new FakeTelemetryApi();
		this.context = new SpringApplicationBuilder(ActuatorApplication.class)
			.properties("spring.application.name=checkout", "server.port=0", "server.address=127.0.0.1",
					"cloudtrace.project-id=orders-prod", "cloudtrace.credentials.enabled=false",
					"cloudtrace.resource.detect-gcp=false", "cloudtrace.exporter.cloud-trace.compression=none",
					"cloudtrace.exporter.cloud-trace.endpoint=" + this.api.endpoint(),
					"cloudtrace.batch.schedule-delay=20ms", "cloudtrace.batch.export-timeout=1s",
					"cloudtrace.batch.max-queue-size=16", "cloudtrace.batch.max-export-batch-size=16",
					"management.endpoints.web.exposure.include=health,metrics",
					"management.endpoint.health.show-details=always",
					"management.endpoint.health.probes.enabled=true")
			.run();
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.api.close();
	}

	@Test
	void healthAndMetricsShowAFailureEpisodeAndItsEndWhileTheApplicationStaysUp() throws Exception {
		assertThat(get("/work").statusCode()).isEqualTo(200);
		this.api.awaitSpans(1, TIMEOUT);
		await().atMost(TIMEOUT).until(() -> "exporting".equals(health().read(EXPORTER + ".state")));
		Map<String, Object> exporting = health().read(EXPORTER);
		assertThat(Instant.parse((String) exporting.get("lastSuccessfulExport"))).isBeforeOrEqualTo(Instant.now());
		assertThat(exporting).doesNotContainKey("failure");
		assertStaysUp();

		// The endpoint answers 503, retried within the export timeout, then fails the export.
		this.api.respondWith(503);
		Instant failureStart = Instant.now();
		assertThat(get("/work").statusCode()).isEqualTo(200);
		await().atMost(TIMEOUT).until(() -> "failing".equals(health().read(EXPORTER + ".state")));
		Map<String, Object> failure = health().read(EXPORTER + ".failure");
		assertThat(Instant.parse((String) failure.get("since"))).isAfterOrEqualTo(failureStart.minusSeconds(1));
		assertThat((String) failure.get("reason")).isNotBlank();
		assertThat(((Number) failure.get("failedExports")).longValue()).isPositive();
		assertThat(metric("cloudtrace.spans.failed")).isPositive();
		assertStaysUp();

		// Then it hangs: the worker waits for each export, and the queue overflows.
		this.api.hang();
		makeSpans(200);
		await().atMost(TIMEOUT)
			.until(() -> ((Number) health().read(EXPORTER + ".failure.droppedSpans")).longValue() > 0);
		assertThat(metric("cloudtrace.spans.dropped")).isPositive();
		assertThat(((Number) health().read(EXPORTER + ".queue.capacity")).intValue()).isEqualTo(16);
		assertThat(((Number) health().read(EXPORTER + ".queue.size")).intValue()).isBetween(0, 16);
		assertStaysUp();

		// The endpoint recovers, and the next export ends the episode.
		this.api.reset();
		makeSpans(1);
		await().atMost(TIMEOUT).until(() -> "exporting".equals(health().read(EXPORTER + ".state")));
		Map<String, Object> recovered = health().read(EXPORTER);
		assertThat(recovered).doesNotContainKey("failure");
		assertThat(Instant.parse((String) recovered.get("lastSuccessfulExport"))).isAfterOrEqualTo(failureStart);
		assertThat(metric("cloudtrace.spans.exported")).isPositive();
		assertStaysUp();
	}

	private void assertStaysUp() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("UP");
		assertThat((String) JsonPath.read(health.body(), "$.components.cloudTrace.status")).isEqualTo("UP");
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = get(probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat((String) JsonPath.read(response.body(), "$.status")).as(probe).isEqualTo("UP");
		}
	}

	private DocumentContext health() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private double metric(String name) throws Exception {
		HttpResponse<String> response = get("/actuator/metrics/" + name + "?tag=exporter:cloudTraceSpanExporter");
		assertThat(response.statusCode()).as(name).isEqualTo(200);
		List<Number> values = JsonPath.read(response.body(), "$.measurements[?(@.statistic == 'COUNT')].value");
		return values.get(0).doubleValue();
	}

	private void makeSpans(int count) {
		Tracer tracer = this.context.getBean(Tracer.class);
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("work-" + i).startSpan().end();
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
		return this.client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WorkController.class)
	static class ActuatorApplication {

	}

	@RestController
	static class WorkController {

		@GetMapping("/work")
		String work() {
			return "done";
		}

	}

}
