package dev.cloudtrace.autoconfigure.logging;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LogCorrelationEndToEndTests} with Log4j2 as the logging system: Spring Boot's
 * default Log4j2 pattern prints the ids that the MDC (Log4j2's thread context) holds.
 */
class Log4j2LogCorrelationEndToEndTests extends LogCorrelationEndToEndTests {

	@Test
	void logsThroughLog4j2() {
		assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.apache.logging.slf4j.");
		assertThat(LogManager.getContext(false)).isInstanceOf(LoggerContext.class);
	}

}
