package dev.cloudtrace.autoconfigure.sdk;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Silences the per-batch failure messages of OpenTelemetry's exporters while
 * {@link ReportingSpanExporter} reports failures once per episode.
 * <p>
 * Those exporters log every failed export through {@code java.util.logging}: at WARNING for
 * an error status, and at SEVERE with a stack trace when the endpoint cannot be reached,
 * throttled only to five a minute. Spring Boot's logging system receives these records
 * through its {@code java.util.logging} bridge, so the logger {@code io.opentelemetry.exporter}
 * is set to OFF there. That is the switch: when that logger or a parent (such as
 * {@code io.opentelemetry}) has a level configured, for example with
 * {@code logging.level.io.opentelemetry.exporter=warn}, it is left alone and OpenTelemetry's
 * own messages come back.
 */
final class ExporterLoggers {

	static final String NAME = "io.opentelemetry.exporter";

	private ExporterLoggers() {
	}

	/**
	 * Sets {@value #NAME} to OFF unless it or a parent other than the root logger has a
	 * configured level. A logging system that cannot tell or set levels is left as it is.
	 * @param loggingSystem Spring Boot's logging system
	 */
	static void silence(LoggingSystem loggingSystem) {
		try {
			if (!hasConfiguredLevel(loggingSystem)) {
				loggingSystem.setLogLevel(NAME, LogLevel.OFF);
			}
		}
		catch (UnsupportedOperationException ex) {
			// A logging system without levels per logger: OpenTelemetry's messages stay as they are.
		}
	}

	private static boolean hasConfiguredLevel(LoggingSystem loggingSystem) {
		for (String name = NAME; !name.isEmpty(); name = name.substring(0, Math.max(name.lastIndexOf('.'), 0))) {
			LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(name);
			if (configuration != null && configuration.getConfiguredLevel() != null) {
				return true;
			}
		}
		return false;
	}

}
