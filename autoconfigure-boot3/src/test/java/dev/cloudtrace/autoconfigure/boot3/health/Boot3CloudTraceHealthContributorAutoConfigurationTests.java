package dev.cloudtrace.autoconfigure.boot3.health;

import java.util.Map;

import dev.cloudtrace.autoconfigure.boot3.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link Boot3CloudTraceHealthContributorAutoConfiguration}, on Spring Boot 3.
 */
class Boot3CloudTraceHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners
		.offline(Boot3CloudTraceHealthContributorAutoConfiguration.class)
		.withPropertyValues("cloudtrace.batch.schedule-delay=10ms");

	@Test
	void contributesCloudTraceHealth() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Boot3CloudTraceHealthIndicator.class)
				.hasBean("cloudTraceHealthIndicator");
			assertThat(context.getBean(Boot3CloudTraceHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
		});
	}

	@Test
	void showsAFailingExporterAndStaysUp() {
		this.contextRunner.withUserConfiguration(FailingExporterConfiguration.class).run((context) -> {
			Boot3CloudTraceHealthIndicator indicator = context.getBean(Boot3CloudTraceHealthIndicator.class);
			context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
			await().until(() -> "failing".equals(exporterDetails(indicator).get("state")));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(exporterDetails(indicator)).containsKey("failure")
				.containsEntry("queue", Map.of("size", 0L, "capacity", 2048));
		});
	}

	@Test
	void backsOffWhenTheUserDefinesIt() {
		this.contextRunner.withUserConfiguration(UserHealthIndicatorConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Boot3CloudTraceHealthIndicator.class)
				.getBean("cloudTraceHealthIndicator")
				.isSameAs(context.getBean(UserHealthIndicatorConfiguration.class).indicator));
	}

	@Test
	void isOffWithManagementHealthCloudTraceEnabledFalse() {
		this.contextRunner.withPropertyValues("management.health.cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Boot3CloudTraceHealthIndicator.class));
	}

	@Test
	void isOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Boot3CloudTraceHealthIndicator.class));
	}

	@Test
	void isOffWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Boot3CloudTraceHealthIndicator.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> exporterDetails(Boot3CloudTraceHealthIndicator indicator) {
		Map<String, Object> exporters = (Map<String, Object>) indicator.health().getDetails().get("exporters");
		return (Map<String, Object>) exporters.get("failingExporter");
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingExporterConfiguration {

		@Bean
		SpanExporter failingExporter() {
			SpanExporter exporter = mock(SpanExporter.class);
			given(exporter.export(any())).willReturn(CompletableResultCode.ofFailure());
			given(exporter.flush()).willReturn(CompletableResultCode.ofSuccess());
			given(exporter.shutdown()).willReturn(CompletableResultCode.ofSuccess());
			return exporter;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthIndicatorConfiguration {

		final Boot3CloudTraceHealthIndicator indicator = new Boot3CloudTraceHealthIndicator(null);

		@Bean
		Boot3CloudTraceHealthIndicator cloudTraceHealthIndicator() {
			return this.indicator;
		}

	}

}
