package dev.cloudtrace.autoconfigure.sdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ExporterLoggers}, on the logging system of the test classpath (Logback).
 */
class ExporterLoggersTests {

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLevels() {
		for (String name : new String[] { "io", "io.opentelemetry", ExporterLoggers.NAME }) {
			this.loggingSystem.setLogLevel(name, null);
		}
	}

	@Test
	void setsExporterLoggersToOffWhenNoLevelIsConfigured() {
		ExporterLoggers.silence(this.loggingSystem);
		assertThat(configuredLevel(ExporterLoggers.NAME)).isEqualTo(LogLevel.OFF);
	}

	@Test
	void leavesALevelConfiguredForTheExporterLoggers() {
		this.loggingSystem.setLogLevel(ExporterLoggers.NAME, LogLevel.WARN);
		ExporterLoggers.silence(this.loggingSystem);
		assertThat(configuredLevel(ExporterLoggers.NAME)).isEqualTo(LogLevel.WARN);
	}

	@Test
	void leavesTheExporterLoggersAloneWhenAParentHasALevel() {
		for (String parent : new String[] { "io.opentelemetry", "io" }) {
			this.loggingSystem.setLogLevel(parent, LogLevel.INFO);
			ExporterLoggers.silence(this.loggingSystem);
			assertThat(configuredLevel(ExporterLoggers.NAME)).as(parent).isNull();
			this.loggingSystem.setLogLevel(parent, null);
		}
	}

	@Test
	void toleratesALoggingSystemWithoutLevels() {
		LoggingSystem withoutLevels = new LoggingSystem() {

			@Override
			public void beforeInitialize() {
			}

		};
		assertThatNoException().isThrownBy(() -> ExporterLoggers.silence(withoutLevels));
	}

	private LogLevel configuredLevel(String name) {
		return this.loggingSystem.getLoggerConfiguration(name).getConfiguredLevel();
	}

}
