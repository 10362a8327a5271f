package dev.cloudtrace.autoconfigure.sdk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Micrometer meters for the {@link SpanExportStatistics}
 * ({@code cloudtrace.spans.*}, {@code cloudtrace.queue.*}), which Spring Boot binds to
 * every meter registry of the application.
 * <p>
 * Not a part of {@link CloudTraceSdkAutoConfiguration}, which comes before Spring Boot's
 * OpenTelemetry tracing auto-configuration: Spring Boot defines the registries after that
 * one, so only an auto-configuration of its own can come after them and see them.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, SpanExportStatistics.class })
public final class SpanExportMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cloudTraceSpanExportMeterBinder")
	MeterBinder cloudTraceSpanExportMeterBinder(SpanExportStatistics statistics) {
		return new SpanExportMeterBinder(statistics);
	}

}
