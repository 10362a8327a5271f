package dev.cloudtrace.autoconfigure.logging;

import dev.cloudtrace.autoconfigure.logging.structured.GcpLog4j2StructuredLogFormatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GcpStructuredLoggingEndToEndTests} with Log4j2 as the logging system:
 * {@code logging.structured.format.console=gcp} selects the Log4j2 formatter.
 */
class Log4j2GcpStructuredLoggingEndToEndTests extends GcpStructuredLoggingEndToEndTests {

	@Test
	void writesWithTheLog4j2Formatter() {
		LoggerContext logging = (LoggerContext) LogManager.getContext(false);
		Appender console = logging.getConfiguration().getAppenders().get("Console");
		assertThat(console.getLayout().getClass().getSimpleName()).isEqualTo("StructuredLogLayout");
		assertThat(System.getProperty("CONSOLE_LOG_STRUCTURED_FORMAT"))
			.isEqualTo(GcpLog4j2StructuredLogFormatter.class.getName());
	}

}
