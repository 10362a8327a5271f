package dev.cloudtrace.autoconfigure.logging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application with {@code logging.structured.format.console=gcp}: every console line
 * is a JSON object, and the lines logged in a request name the trace and span that reached a
 * fake Telemetry API, in the fields Cloud Logging reads.
 * <p>
 * The Log4j2 module runs these tests again with Log4j2 as the logging system.
 */
@ExtendWith(OutputCaptureExtension.class)
public class GcpStructuredLoggingEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static ExportingLoggingApplication application;

	@BeforeAll
	static void start() {
		application = ExportingLoggingApplication.start("checkout", "logging.structured.format.console=gcp",
				"cloudtrace.project-id=orders-prod", "cloudtrace.resource.attributes.service.version=1.2.3");
	}

	@AfterAll
	static void stop() {
		application.close();
		// Spring Boot keeps the format in a system property, which the next application in this JVM
		// would inherit.
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@BeforeEach
	void clearSpans() {
		application.clearSpans();
	}

	@Test
	void linesInARequestNameItsTraceAndSpan(CapturedOutput output) throws Exception {
		assertThat(application.get("/work/json-a", Map.of()).statusCode()).isEqualTo(200);
		LoggingApplication.responseReceived("json-a");
		Awaitility.await().atMost(TIMEOUT).until(() -> output.getOut().contains("\"async json-a\""));
		List<ReceivedSpan> spans = application.awaitSpans(2);
		ReceivedSpan server = ExportingLoggingApplication.only(spans, SpanKind.SERVER, "GET /work/{id}");
		ReceivedSpan work = ExportingLoggingApplication.only(spans, SpanKind.INTERNAL, "work");
		Map<String, Object> controller = LogLines.jsonLine(output.getOut(), "controller json-a");
		assertNames(controller, server, true);
		assertThat(controller).containsEntry("severity", "INFO")
			.containsEntry("logger", LoggingApplication.LOGGER)
			.containsEntry("logging.googleapis.com/labels", Map.of("tenant", "acme", "order", "42"));
		assertThat((String) controller.get("thread")).contains("exec");
		assertThat(controller.get("timestamp")).isInstanceOfSatisfying(Map.class,
				(timestamp) -> assertThat(timestamp).containsOnlyKeys("seconds", "nanos"));
		assertNames(LogLines.jsonLine(output.getOut(), "with-span json-a"), work, true);
		assertNames(LogLines.jsonLine(output.getOut(), "after-completion json-a"), server, true);
		Map<String, Object> async = LogLines.jsonLine(output.getOut(), "async json-a");
		assertNames(async, server, true);
		assertThat(async).doesNotContainKey("logging.googleapis.com/labels");
	}

	@Test
	void unsampledTraceIsNamedWithTraceSampledFalse(CapturedOutput output) throws Exception {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		application.get("/quick/json-b", Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-00"));
		Map<String, Object> line = LogLines.jsonLine(output.getOut(), "controller json-b");
		assertThat(line).containsEntry("logging.googleapis.com/trace", "projects/orders-prod/traces/" + traceId)
			.containsEntry("logging.googleapis.com/trace_sampled", false);
		assertThat((String) line.get("logging.googleapis.com/spanId")).matches("[0-9a-f]{16}")
			.isNotEqualTo("b7ad6b7169203331");
	}

	@Test
	void warningIsWarning(CapturedOutput output) throws Exception {
		application.get("/warn/json-c", Map.of());
		assertThat(LogLines.jsonLine(output.getOut(), "warning json-c")).containsEntry("severity", "WARNING");
	}

	@Test
	void errorCarriesItsStackTraceForErrorReporting(CapturedOutput output) throws Exception {
		application.get("/fail/json-d", Map.of());
		Map<String, Object> line = LogLines.jsonLine(output.getOut(), "failure json-d");
		assertThat(line).containsEntry("severity", "ERROR")
			.containsEntry("serviceContext", Map.of("service", "checkout", "version", "1.2.3"))
			.containsKey("logging.googleapis.com/trace");
		assertThat((String) line.get("stack_trace")).startsWith("java.lang.IllegalStateException: card declined json-d")
			.contains("\tat " + LoggingApplication.class.getName());
	}

	@Test
	void everyLineIsJsonAndLinesOutsideARequestNameNoTrace(CapturedOutput output) throws Exception {
		LoggingApplication.logOutsideRequest("json-e");
		assertThat(LogLines.jsonLine(output.getOut(), "outside json-e")).doesNotContainKeys("logging.googleapis.com/trace",
				"logging.googleapis.com/spanId", "logging.googleapis.com/trace_sampled");
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("com.example.shop")).toList();
		assertThat(lines).isNotEmpty().allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		assertThat(LogLines.json(output.getOut())).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).containsKeys("timestamp", "severity", "message", "logger", "thread"));
	}


	private static void assertNames(Map<String, Object> line, ReceivedSpan span, boolean sampled) {
		assertThat(line).as("line '%s'", line.get("message"))
			.containsEntry("logging.googleapis.com/trace", "projects/orders-prod/traces/" + span.traceId())
			.containsEntry("logging.googleapis.com/spanId", span.spanId())
			.containsEntry("logging.googleapis.com/trace_sampled", sampled);
	}


}
