package dev.cloudtrace.autoconfigure.boot3.health;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code cloudTrace} health contributor on Spring Boot 3, whose
 * health API is in {@code org.springframework.boot.actuate.health}
 * ({@code management.health.cloudtrace.enabled}). Inactive on Spring Boot 4, whose
 * contributor comes from {@code CloudTraceHealthContributorAutoConfiguration}.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass(name = { Boot3CloudTraceHealthContributorAutoConfiguration.HEALTH_INDICATOR,
		Boot3CloudTraceHealthContributorAutoConfiguration.ENABLED_HEALTH_INDICATOR })
@ConditionalOnBean(SpanExportStatistics.class)
public final class Boot3CloudTraceHealthContributorAutoConfiguration {

	static final String HEALTH_INDICATOR = "org.springframework.boot.actuate.health.HealthIndicator";

	static final String ENABLED_HEALTH_INDICATOR = "org.springframework.boot.actuate.autoconfigure.health."
			+ "ConditionalOnEnabledHealthIndicator";

	// Nested: its condition is a Spring Boot 3 class, which must not be loaded where the
	// class condition above does not hold.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("cloudtrace")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cloudTraceHealthIndicator")
		Boot3CloudTraceHealthIndicator cloudTraceHealthIndicator(SpanExportStatistics statistics) {
			return new Boot3CloudTraceHealthIndicator(statistics);
		}

	}

}
