package dev.cloudtrace.autoconfigure.compatibility;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that fails startup with an {@link IncompatibleOpenTelemetryException}
 * when the OpenTelemetry artifacts on the classpath do not work with the starter or with each
 * other, rather than letting requests fail later with a {@link NoSuchMethodError}.
 * <p>
 * It names no OpenTelemetry class, so that it applies even when OpenTelemetry cannot be
 * loaded; without the OpenTelemetry API it does nothing.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
public final class OpenTelemetryCompatibilityAutoConfiguration {

	// Static, so that the check runs before any singleton is created. Not replaceable: it only
	// guards the beans that the other auto-configurations create.
	@Bean
	static OpenTelemetryCompatibilityPostProcessor cloudTraceOpenTelemetryCompatibilityPostProcessor() {
		return new OpenTelemetryCompatibilityPostProcessor();
	}

}
