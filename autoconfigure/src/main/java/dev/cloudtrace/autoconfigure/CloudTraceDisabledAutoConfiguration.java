package dev.cloudtrace.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration used when {@code cloudtrace.enabled=false}: a no-op
 * {@link OpenTelemetry}, so code that injects one keeps working, and nothing else.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", havingValue = false)
public final class CloudTraceDisabledAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenTelemetry openTelemetry() {
		return OpenTelemetry.noop();
	}

}
