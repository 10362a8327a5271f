package dev.cloudtrace.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample as a user would (one process calling itself, on a real port) and checks
 * that its first request becomes one trace: frontend server span, client span, backend
 * server span and {@code do_work}, both on the wire and in the console tree; and that the
 * lines the sample logs carry the ids of the spans they were logged in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final FakeTelemetryApi receiver = start();

	@DynamicPropertySource
	static void exportToFakeReceiver(DynamicPropertyRegistry registry) {
		registry.add("cloudtrace.exporter.type", () -> "logging,otlp");
		registry.add("cloudtrace.exporter.otlp.endpoint", receiver::endpoint);
		registry.add("cloudtrace.batch.schedule-delay", () -> "100ms");
		// Tests never ask a metadata server, even on a Google Cloud VM.
		registry.add("cloudtrace.resource.detect-gcp", () -> "false");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void firstRequestIsOneTraceFromFrontendToWork(CapturedOutput output) {
		List<ReceivedSpan> spans = receiver.awaitSpans(4, Duration.ofSeconds(30));
		Map<String, ReceivedSpan> byName = spans.stream()
			.collect(Collectors.toMap(ReceivedSpan::name, Function.identity(), (first, second) -> first));
		ReceivedSpan frontend = byName.get("GET /frontend");
		ReceivedSpan client = byName.get("GET");
		ReceivedSpan backend = byName.get("GET /backend");
		ReceivedSpan work = byName.get("do_work");
		assertThat(frontend).isNotNull();
		assertThat(frontend.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(frontend.parentSpanId()).isNull();
		assertThat(client.kind()).isEqualTo(SpanKind.CLIENT);
		assertThat(client.parentSpanId()).isEqualTo(frontend.spanId());
		assertThat(backend.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(backend.parentSpanId()).isEqualTo(client.spanId());
		assertThat(work.parentSpanId()).isEqualTo(backend.spanId());
		assertThat(List.of(client, backend, work)).extracting(ReceivedSpan::traceId).containsOnly(frontend.traceId());
		assertThat(work.endNanos() - work.startNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
		assertThat(frontend.resourceAttributes()).containsEntry("service.name", "sample")
			.containsEntry("service.namespace", "cloudtrace-sample")
			.containsKey("service.instance.id");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.containsPattern("Trace " + frontend.traceId() + " \\(sample\\)")
				.containsPattern("\\n  GET /frontend +sample +SERVER")
				.containsPattern("\\n    GET +sample +CLIENT")
				.containsPattern("\\n      GET /backend +sample +SERVER")
				.containsPattern("\\n        do_work +sample +INTERNAL"));
		assertThat(output.getOut()).containsPattern(correlated(frontend, "FrontendController +: Calling the backend"))
			.containsPattern(correlated(work, "Worker +: Working for 100 ms"));
	}

	// Spring Boot's default pattern, with the ids of the span current where the line was logged.
	private static String correlated(ReceivedSpan span, String line) {
		return "\\[" + span.traceId() + "-" + span.spanId() + "\\] .*" + line;
	}

	private static FakeTelemetryApi start() {
		try {
			return new FakeTelemetryApi();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
