package dev.cloudtrace.autoconfigure.health;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code cloudTrace} health contributor on Spring Boot 4, whose
 * health API is in {@code spring-boot-health}
 * ({@code management.health.cloudtrace.enabled}). Spring Boot 3's is in
 * {@code cloudtrace-spring-boot-autoconfigure-boot3}.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass(name = CloudTraceHealthContributorAutoConfiguration.HEALTH_INDICATOR)
@ConditionalOnBean(SpanExportStatistics.class)
public final class CloudTraceHealthContributorAutoConfiguration {

	static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

	// Nested: its condition is a Spring Boot 4 class, which must not be loaded where the
	// class condition above does not hold.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("cloudtrace")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cloudTraceHealthIndicator")
		CloudTraceHealthIndicator cloudTraceHealthIndicator(SpanExportStatistics statistics) {
			return new CloudTraceHealthIndicator(statistics);
		}

	}

}
