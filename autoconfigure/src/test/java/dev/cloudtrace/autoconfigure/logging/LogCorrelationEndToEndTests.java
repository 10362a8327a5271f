package dev.cloudtrace.autoconfigure.logging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.logging.LogLines.TextLine;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.trace.SpanKind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application (embedded Tomcat, real HTTP, the application's real logging system)
 * with Spring Boot's default console pattern and no logging configuration: each line logged
 * in a request carries {@code [<trace id>-<span id>]} of the span current where it was
 * logged, as exported to a fake Telemetry API; a line outside a request carries none.
 * <p>
 * The Log4j2 module runs these tests again with Log4j2 as the logging system.
 */
@ExtendWith(OutputCaptureExtension.class)
public class LogCorrelationEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static FakeTelemetryApi telemetryApi;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		telemetryApi = new FakeTelemetryApi();
		context = TestApplications.start("logs", LoggingApplication.class, "cloudtrace.exporter.type=cloud-trace",
				"cloudtrace.exporter.cloud-trace.endpoint=" + telemetryApi.endpoint(),
				"cloudtrace.batch.schedule-delay=50ms");
	}

	@AfterAll
	static void stop() {
		context.close();
		telemetryApi.close();
	}

	@BeforeEach
	void clearSpans() {
		telemetryApi.clear();
	}

	@Test
	void linesLoggedInARequestCarryTheIdsOfTheSpanCurrentThere(CapturedOutput output) throws Exception {
		assertThat(LoggingApplication.get(context, "/work/a", Map.of()).statusCode()).isEqualTo(200);
		LoggingApplication.responseReceived("a");
		Awaitility.await().atMost(TIMEOUT).until(() -> output.getOut().contains("async a"));
		List<ReceivedSpan> spans = telemetryApi.awaitSpans(2, TIMEOUT);
		ReceivedSpan server = only(spans, SpanKind.SERVER, "GET /work/{id}");
		ReceivedSpan work = only(spans, SpanKind.INTERNAL, "work");
		assertThat(work.parentSpanId()).isEqualTo(server.spanId());
		assertCarries(LogLines.textLine(output.getOut(), "controller a"), server);
		assertCarries(LogLines.textLine(output.getOut(), "with-span a"), work);
		assertCarries(LogLines.textLine(output.getOut(), "after-completion a"), server);
		assertCarries(LogLines.textLine(output.getOut(), "async a"), server);
	}

	@Test
	void linesLoggedOutsideARequestCarryNoIds(CapturedOutput output) throws Exception {
		LoggingApplication.logOutsideRequest("before");
		assertThat(LoggingApplication.get(context, "/quick/b", Map.of()).statusCode()).isEqualTo(200);
		LoggingApplication.logOutsideRequest("after");
		assertThat(LogLines.textLine(output.getOut(), "outside before").traceId()).isNull();
		assertThat(LogLines.textLine(output.getOut(), "outside after").traceId()).isNull();
		assertThat(LogLines.textLine(output.getOut(), "controller b").traceId()).isNotNull();
	}

	@Test
	void continuesTheIncomingTraceAlsoWhenItIsNotSampled(CapturedOutput output) throws Exception {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		LoggingApplication.get(context, "/quick/c", Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-00"));
		TextLine controller = LogLines.textLine(output.getOut(), "controller c");
		TextLine work = LogLines.textLine(output.getOut(), "with-span c");
		assertThat(controller.traceId()).isEqualTo(traceId);
		assertThat(work.traceId()).isEqualTo(traceId);
		assertThat(work.spanId()).isNotEqualTo(controller.spanId()).isNotEqualTo("b7ad6b7169203331");
	}


	private static void assertCarries(TextLine line, ReceivedSpan span) {
		assertThat(line.traceId()).as("trace id of '%s'", line.message()).isEqualTo(span.traceId());
		assertThat(line.spanId()).as("span id of '%s'", line.message()).isEqualTo(span.spanId());
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, SpanKind kind, String name) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> span.kind() == kind && span.name().equals(name))
			.toList();
		assertThat(matching).as("%s spans named %s in %s", kind, name, spans).hasSize(1);
		return matching.get(0);
	}

}
