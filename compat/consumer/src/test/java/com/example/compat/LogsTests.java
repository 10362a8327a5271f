package com.example.compat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The line that {@code do_work} logs, on one Spring Boot line: with Boot's default pattern it
 * carries {@code [<trace id>-<span id>]} of the exported span; with
 * {@code logging.structured.format.console=gcp} it is a JSON object that names them.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsTests {

	@AfterAll
	static void forgetTheFormat() {
		// Spring Boot keeps the format in a system property: the next application in this JVM would inherit it.
		System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
	}

	@Test
	void defaultPatternPrintsTheIdsOfTheSpan(CapturedOutput output) throws Exception {
		ReceivedSpan work = callBack();
		assertThat(output.getOut()).containsPattern(
				"\\[" + work.traceId() + "-" + work.spanId() + "\\] .*Worker +: Doing the work");
	}

	@Test
	void gcpFormatNamesTraceAndSpan(CapturedOutput output) throws Exception {
		ReceivedSpan work = callBack("--logging.structured.format.console=gcp",
				"--cloudtrace.project-id=compat-project");
		List<Map<String, Object>> lines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains("Doing the work"))
			.map((line) -> JsonParserFactory.getJsonParser().parseMap(line))
			.toList();
		assertThat(lines).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("severity", "INFO")
				.containsEntry("logging.googleapis.com/trace", "projects/compat-project/traces/" + work.traceId())
				.containsEntry("logging.googleapis.com/spanId", work.spanId())
				.containsEntry("logging.googleapis.com/trace_sampled", true));
	}

	private static ReceivedSpan callBack(String... args) throws Exception {
		try (FakeOtlpEndpoint otlp = new FakeOtlpEndpoint()) {
			ConfigurableApplicationContext app = ConsumerApp.start(otlp, "100ms", args);
			try {
				assertThat(ConsumerApp.get(app, "/back", Map.of()).statusCode()).isEqualTo(200);
				return await().atMost(Duration.ofSeconds(15))
					.until(() -> otlp.spans().stream().filter((span) -> span.name().equals("do_work")).findFirst(),
							(found) -> found.isPresent())
					.orElseThrow();
			}
			finally {
				app.close();
			}
		}
	}

}
