package dev.cloudtrace.autoconfigure.logging.structured;

import org.springframework.core.env.Environment;

/**
 * {@code cloudtrace.logging.source-location}, read when Spring Boot creates the formatter,
 * before binding: only {@code true} turns it on, and binding reports a value that is not a
 * boolean once the application starts.
 */
final class SourceLocationProperty {

	static final String NAME = "cloudtrace.logging.source-location";

	private SourceLocationProperty() {
	}

	static boolean isEnabled(Environment environment) {
		return "true".equalsIgnoreCase(environment.getProperty(NAME, "").trim());
	}

}
