package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.PropertyResolver;

/**
 * The {@code gcp} name of the structured logging format, for
 * {@code logging.structured.format.console} and {@code logging.structured.format.file}.
 * <p>
 * Spring Boot (3.5, 4.0 and 4.1 alike) takes as a format either one of its own names
 * ({@code ecs}, {@code gelf}, {@code logstash}, a closed enum) or the fully-qualified name
 * of a {@code StructuredLogFormatter} class whose type argument is the logging system's event
 * type; it has no extension point that adds a name. So before Boot initializes logging, a
 * property source in front replaces {@code gcp} with the class for the logging system in
 * use: {@link GcpLogbackStructuredLogFormatter} or {@link GcpLog4j2StructuredLogFormatter}.
 * Either class name also works directly, for instance in a {@code logback-spring.xml}
 * encoder's {@code <format>}, which no property reaches.
 */
public final class GcpStructuredLogFormat {

	/**
	 * The format's name.
	 */
	public static final String NAME = "gcp";

	private static final List<String> FORMAT_PROPERTIES = List.of("logging.structured.format.console",
			"logging.structured.format.file");

	private GcpStructuredLogFormat() {
	}

	/**
	 * Returns the structured format properties that name {@code gcp}, each with the class
	 * name of the formatter for the logging system in use. Empty when none names it, or when
	 * the logging system is neither Logback nor Log4j2 (Boot then reports the unknown
	 * format).
	 * @param properties the application's properties
	 * @param classLoader the application's class loader
	 * @return the properties to override
	 */
	public static Map<String, Object> formatterClassNames(PropertyResolver properties, ClassLoader classLoader) {
		Map<String, Object> overrides = new LinkedHashMap<>();
		String formatter = null;
		for (String property : FORMAT_PROPERTIES) {
			if (NAME.equalsIgnoreCase(properties.getProperty(property, "").trim())) {
				formatter = (formatter != null) ? formatter : formatterClassName(classLoader);
				if (formatter != null) {
					overrides.put(property, formatter);
				}
			}
		}
		return overrides;
	}

	private static String formatterClassName(ClassLoader classLoader) {
		// By name: the class of the logging system that is absent cannot be loaded.
		String system = LoggingSystem.get(classLoader).getClass().getName();
		if (system.startsWith("org.springframework.boot.logging.logback.")) {
			return GcpLogbackStructuredLogFormatter.class.getName();
		}
		if (system.startsWith("org.springframework.boot.logging.log4j2.")) {
			return GcpLog4j2StructuredLogFormatter.class.getName();
		}
		return null;
	}

}
