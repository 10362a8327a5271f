package dev.cloudtrace.autoconfigure.logging;

import java.util.Map;

import dev.cloudtrace.autoconfigure.logging.structured.GcpStructuredLogFormat;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Prepares Spring Boot's logging just before Boot initializes it (after the configuration
 * files are read, before {@link LoggingApplicationListener}):
 * <ul>
 * <li>installs the {@link MdcContextStorage} ({@link MdcTraceCorrelation#install()}),
 * earlier than any bean could, since OpenTelemetry's context storage takes wrappers only
 * before its first use;</li>
 * <li>sets {@value LoggingSystem#EXPECT_CORRELATION_ID_PROPERTY} as a default, the switch
 * with which Micrometer Tracing makes Spring Boot's default console and file patterns print
 * {@code [traceId-spanId]} (Boot 3.5 and 4.x alike); {@code logging.pattern.correlation}
 * and an explicit {@code false} still win;</li>
 * <li>lets {@code logging.structured.format.console} and
 * {@code logging.structured.format.file} name the {@code gcp} format (see
 * {@link GcpStructuredLogFormat}).</li>
 * </ul>
 * An {@code ApplicationListener} in {@code spring.factories} rather than an
 * {@code EnvironmentPostProcessor}, whose interface moved package in Spring Boot 4: this
 * works unchanged on every supported line.
 */
public class LogCorrelationApplicationListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/**
	 * Just before {@link LoggingApplicationListener}, and after the listener that runs the
	 * environment post-processors (which read the configuration files).
	 */
	public static final int ORDER = LoggingApplicationListener.DEFAULT_ORDER - 1;

	private static final String CORRELATION_SOURCE = "cloudtraceLogCorrelation";

	private static final String FORMAT_SOURCE = "cloudtraceStructuredLogFormat";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		ClassLoader classLoader = event.getSpringApplication().getClassLoader();
		MutablePropertySources sources = environment.getPropertySources();
		Map<String, Object> formats = GcpStructuredLogFormat.formatterClassNames(environment, classLoader);
		if (!formats.isEmpty() && !sources.contains(FORMAT_SOURCE)) {
			sources.addFirst(new MapPropertySource(FORMAT_SOURCE, formats));
		}
		if (isFalse(environment, "cloudtrace.enabled") || isFalse(environment, "cloudtrace.logging.mdc.enabled")
				|| !ClassUtils.isPresent("org.slf4j.MDC", classLoader)) {
			return;
		}
		MdcTraceCorrelation.install();
		if (!sources.contains(CORRELATION_SOURCE)) {
			sources.addLast(new MapPropertySource(CORRELATION_SOURCE,
					Map.of(LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY, "true")));
		}
	}

	// Lenient: binding reports a value that is not a boolean, once logging works.
	private static boolean isFalse(ConfigurableEnvironment environment, String name) {
		return "false".equalsIgnoreCase(environment.getProperty(name));
	}

}
