package dev.cloudtrace.autoconfigure.export;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the application sees while the export endpoint fails: refused connections, error
 * statuses and requests that hang, injected into real exports to an in-process fake of the
 * Telemetry API. Requests keep their latency, memory stays bounded by the queue, failures
 * are reported once per episode without stack traces, and export resumes by itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackendFailureEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String[] OFFLINE = { "cloudtrace.project-id=orders-prod",
			"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
			"cloudtrace.exporter.cloud-trace.compression=none" };

	// Short timeouts keep 20 failed exports, retries included, within a few seconds.
	private static final String[] FAST_FAILING_BATCHES = { "cloudtrace.batch.schedule-delay=10ms",
			"cloudtrace.batch.max-export-batch-size=1", "cloudtrace.batch.export-timeout=250ms" };

	private FakeTelemetryApi api;

	@BeforeEach
	void startApi() throws IOException {
		this.api = new FakeTelemetryApi();
	}

	@AfterEach
	void stopApi() {
		this.api.close();
	}

	@Test
	void retriesTransientFailuresWithinTheExportTimeout(CapturedOutput output) {
		this.api.failNext(2, 503);
		runner().withPropertyValues("cloudtrace.batch.schedule-delay=50ms", "cloudtrace.batch.export-timeout=5s")
			.run((context) -> {
				makeSpans(context, 2);
				assertThat(this.api.awaitSpans(2, TIMEOUT)).hasSize(2);
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				await().atMost(TIMEOUT).until(() -> statistics.exportedSpans() == 2);
				assertThat(this.api.requestCount()).as("two answered 503, then one accepted").isEqualTo(3);
				assertThat(statistics.failedExports()).isZero();
			});
		assertThat(warnings(output)).isEmpty();
	}

	@Test
	void failedBatchesToARefusingEndpointLogOneWarningAndNoStackTrace(CapturedOutput output) throws IOException {
		String refusing = "http://127.0.0.1:" + unusedPort();
		// A real application, so that java.util.logging, where OpenTelemetry logs, reaches the captured console.
		try (ConfigurableApplicationContext context = application(WebApplicationType.NONE,
				with(FAST_FAILING_BATCHES, "cloudtrace.exporter.cloud-trace.endpoint=" + refusing))) {
			makeSpans(context, 20);
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			await().atMost(TIMEOUT).until(() -> statistics.failedExports() >= 20);
			assertThat(statistics.failedSpans()).isEqualTo(20);
		}
		// Refused at once, unless the machine is so busy that connecting times out first.
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: ")
			.containsAnyOf("ConnectException", "HttpConnectTimeoutException");
		assertThat(output).doesNotContain("Failed to export").doesNotContain("\tat ");
	}

	@Test
	void openTelemetryLogsEachFailureAgainWhenItsLoggerHasALevel(CapturedOutput output) throws IOException {
		String refusing = "http://127.0.0.1:" + unusedPort();
		try (ConfigurableApplicationContext context = application(WebApplicationType.NONE,
				with(FAST_FAILING_BATCHES, "cloudtrace.exporter.cloud-trace.endpoint=" + refusing,
						"logging.level.io.opentelemetry.exporter=warn"))) {
			makeSpans(context, 2);
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			await().atMost(TIMEOUT).until(() -> statistics.failedExports() >= 2);
		}
		finally {
			// The level outlives the application in this JVM; later tests expect none.
			LoggingSystem.get(getClass().getClassLoader()).setLogLevel("io.opentelemetry.exporter", null);
			java.util.logging.Logger.getLogger("io.opentelemetry.exporter").setLevel(null);
		}
		assertThat(output).contains("Failed to export spans");
	}

	@Test
	void failedBatchesWithAnErrorStatusLogOneWarningThenOneInfoWhenTheEndpointRecovers(CapturedOutput output) {
		// 500 is not retried, which keeps 20 failed exports quick; 503 is retried (see above).
		this.api.respondWith(500);
		runner().withPropertyValues("cloudtrace.batch.schedule-delay=10ms", "cloudtrace.batch.max-export-batch-size=1",
				"cloudtrace.batch.export-timeout=5s")
			.run((context) -> {
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				makeSpans(context, 20);
				await().atMost(TIMEOUT).until(() -> statistics.failedExports() >= 20);
				assertThat(this.api.requestCount()).isEqualTo(20);
				this.api.reset();
				makeSpans(context, 1);
				assertThat(this.api.awaitSpans(1, TIMEOUT)).hasSize(1);
				await().atMost(TIMEOUT).until(() -> statistics.exportedSpans() == 1);
				assertThat(statistics.failedExports()).isEqualTo(20);
			});
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: HttpExportException, without details "
					+ "(logging.level.io.opentelemetry.exporter=warn logs OpenTelemetry's own message");
		assertThat(output).containsOnlyOnce("Exporting spans with cloudTraceSpanExporter works again, after 20 failed");
	}

	@Test
	void spansBeyondTheQueueAreDroppedAndCountedWhileTheEndpointHangs(CapturedOutput output) {
		this.api.hang();
		// The SDK's queue holds a power of two, so 16 is exactly the configured bound.
		runner().withPropertyValues("cloudtrace.batch.max-queue-size=16", "cloudtrace.batch.max-export-batch-size=16",
				"cloudtrace.batch.schedule-delay=10ms", "cloudtrace.batch.export-timeout=1s")
			.run((context) -> {
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				makeSpans(context, 1);
				// The processor's worker now waits for the hanging export.
				await().atMost(TIMEOUT).until(() -> this.api.requestCount() >= 1);
				List<Long> queued = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					makeSpans(context, 1);
					queued.add(statistics.queuedSpans());
				}
				assertThat(queued).allMatch((size) -> size <= 16).contains(16L);
				assertThat(statistics.droppedSpans()).isEqualTo(84);
				await().atMost(TIMEOUT).until(() -> !warnings(output).isEmpty());
				this.api.reset();
				await().atMost(TIMEOUT).until(() -> statistics.exportedSpans() == 16);
				makeSpans(context, 1);
				await().atMost(TIMEOUT).until(() -> statistics.exportedSpans() == 17);
				assertThat(statistics.queuedSpans()).isZero();
			});
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: HttpTimeoutException");
		assertThat(output).contains("works again").contains("has room again; 84 span(s) were dropped");
	}

	@Test
	void requestsKeepTheirLatencyWhileTheEndpointHangs(CapturedOutput output) throws Exception {
		this.api.hang();
		// Each export may wait 4 s for an answer (the export timeout less room for a backoff):
		// a request that waited on export would take that long.
		try (ConfigurableApplicationContext context = application(WebApplicationType.SERVLET,
				"cloudtrace.exporter.cloud-trace.endpoint=" + this.api.endpoint(), "cloudtrace.batch.export-timeout=5s",
				"cloudtrace.batch.schedule-delay=50ms")) {
			HttpClient client = HttpClient.newHttpClient();
			URI work = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
					+ "/work");
			assertThat(get(client, work).statusCode()).isEqualTo(200);
			await().atMost(TIMEOUT).until(() -> this.api.requestCount() >= 1);
			for (int i = 0; i < 50; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = get(client, work);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
			}
			await().atMost(TIMEOUT).until(() -> !warnings(output).isEmpty());
			this.api.reset();
			// The first request's span went with the export that failed; the other 50 waited in the queue.
			List<ReceivedSpan> spans = this.api.awaitSpans(50, TIMEOUT);
			assertThat(spans).extracting(ReceivedSpan::name).containsOnly("GET /work");
		}
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: HttpTimeoutException");
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
			.withPropertyValues(OFFLINE)
			.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=" + this.api.endpoint());
	}

	private static ConfigurableApplicationContext application(WebApplicationType type, String... properties) {
		String[] all = with(with(OFFLINE, "spring.application.name=checkout", "server.port=0",
				"server.address=127.0.0.1"), properties);
		return new SpringApplicationBuilder(WorkApplication.class).web(type).properties(all).run();
	}

	private static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	private static void makeSpans(ApplicationContext context, int count) {
		Tracer tracer = context.getBean(Tracer.class);
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("work-" + i).startSpan().end();
		}
	}

	private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
