package dev.cloudtrace.autoconfigure.logging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.logging.LogLines.TextLine;
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

	private static ExportingLoggingApplication application;

	@BeforeAll
	static void start() {
		application = ExportingLoggingApplication.start("logs");
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@BeforeEach
	void clearSpans() {
		application.clearSpans();
	}

	@Test
	void linesLoggedInARequestCarryTheIdsOfTheSpanCurrentThere(CapturedOutput output) throws Exception {
		assertThat(application.get("/work/a", Map.of()).statusCode()).isEqualTo(200);
		LoggingApplication.responseReceived("a");
		Awaitility.await().atMost(TIMEOUT).until(() -> output.getOut().contains("async a"));
		List<ReceivedSpan> spans = application.awaitSpans(2);
		ReceivedSpan server = ExportingLoggingApplication.only(spans, SpanKind.SERVER, "GET /work/{id}");
		ReceivedSpan work = ExportingLoggingApplication.only(spans, SpanKind.INTERNAL, "work");
		assertThat(work.parentSpanId()).isEqualTo(server.spanId());
		assertCarries(LogLines.textLine(output.getOut(), "controller a"), server);
		assertCarries(LogLines.textLine(output.getOut(), "with-span a"), work);
		assertCarries(LogLines.textLine(output.getOut(), "after-completion a"), server);
		assertCarries(LogLines.textLine(output.getOut(), "async a"), server);
	}

	@Test
	void linesLoggedOutsideARequestCarryNoIds(CapturedOutput output) throws Exception {
		LoggingApplication.logOutsideRequest("before");
		assertThat(application.get("/quick/b", Map.of()).statusCode()).isEqualTo(200);
		LoggingApplication.logOutsideRequest("after");
		assertThat(LogLines.textLine(output.getOut(), "outside before").traceId()).isNull();
		assertThat(LogLines.textLine(output.getOut(), "outside after").traceId()).isNull();
		assertThat(LogLines.textLine(output.getOut(), "controller b").traceId()).isNotNull();
	}

	@Test
	void continuesTheIncomingTraceAlsoWhenItIsNotSampled(CapturedOutput output) throws Exception {
		String traceId = "0af7651916cd43dd8448eb211c80319c";
		application.get("/quick/c", Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-00"));
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


}
