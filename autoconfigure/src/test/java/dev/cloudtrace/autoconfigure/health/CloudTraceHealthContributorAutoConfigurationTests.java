package dev.cloudtrace.autoconfigure.health;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.map;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link CloudTraceHealthContributorAutoConfiguration}.
 */
class CloudTraceHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline()
		.withConfiguration(AutoConfigurations.of(CloudTraceHealthContributorAutoConfiguration.class))
		.withPropertyValues("cloudtrace.batch.schedule-delay=10ms");

	@Test
	void contributesCloudTraceHealthWhenTheHealthApiIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CloudTraceHealthIndicator.class).hasBean("cloudTraceHealthIndicator");
			Health health = context.getBean(CloudTraceHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			// exporter type none: no pipeline, no exporter to show.
			assertThat(health.getDetails()).containsEntry("exporters", Map.of());
		});
	}

	@Test
	void showsEachExporterAndStaysUpWhileItFails() {
		this.contextRunner.withUserConfiguration(SwitchableExporterConfiguration.class).run((context) -> {
			AtomicBoolean failing = context.getBean(SwitchableExporterConfiguration.class).failing;
			CloudTraceHealthIndicator indicator = context.getBean(CloudTraceHealthIndicator.class);
			assertThat(exporterDetails(indicator)).containsEntry("state", "idle").doesNotContainKey("failure");
			context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
			await().until(() -> "exporting".equals(exporterDetails(indicator).get("state")));
			assertThat(exporterDetails(indicator)).containsKey("lastSuccessfulExport")
				.containsEntry("queue", Map.of("size", 0L, "capacity", 2048))
				.containsEntry("spans", Map.of("exported", 1L, "failed", 0L, "dropped", 0L));
			failing.set(true);
			context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
			await().until(() -> "failing".equals(exporterDetails(indicator).get("state")));
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(exporterDetails(indicator).get("failure")).asInstanceOf(
					map(String.class, Object.class))
				.containsKey("since")
				.containsEntry("reason", "the exporter gave no reason")
				.containsEntry("failedExports", 1L)
				.containsEntry("droppedSpans", 0L);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesIt() {
		this.contextRunner.withUserConfiguration(UserHealthIndicatorConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(CloudTraceHealthIndicator.class)
				.getBean("cloudTraceHealthIndicator")
				.isSameAs(context.getBean(UserHealthIndicatorConfiguration.class).indicator));
	}

	@Test
	void isOffWithManagementHealthCloudTraceEnabledFalse() {
		this.contextRunner.withPropertyValues("management.health.cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CloudTraceHealthIndicator.class));
	}

	@Test
	void isOffWhenHealthIndicatorsAreOffByDefault() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CloudTraceHealthIndicator.class));
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.cloudtrace.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CloudTraceHealthIndicator.class));
	}

	@Test
	void isOffWithoutTheHealthApi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CloudTraceHealthIndicator.class));
	}

	@Test
	void isOffWhenTracingIsOff() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CloudTraceHealthIndicator.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> exporterDetails(CloudTraceHealthIndicator indicator) {
		Map<String, Object> exporters = (Map<String, Object>) indicator.health(true).getDetails().get("exporters");
		return (Map<String, Object>) exporters.get("switchableExporter");
	}

	@Configuration(proxyBeanMethods = false)
	static class SwitchableExporterConfiguration {

		final AtomicBoolean failing = new AtomicBoolean();

		@Bean
		SpanExporter switchableExporter() {
			SpanExporter exporter = mock(SpanExporter.class);
			given(exporter.export(any())).willAnswer((invocation) -> this.failing.get()
					? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess());
			given(exporter.flush()).willReturn(CompletableResultCode.ofSuccess());
			given(exporter.shutdown()).willReturn(CompletableResultCode.ofSuccess());
			return exporter;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthIndicatorConfiguration {

		final CloudTraceHealthIndicator indicator = new CloudTraceHealthIndicator(null);

		@Bean
		CloudTraceHealthIndicator cloudTraceHealthIndicator() {
			return this.indicator;
		}

	}

}
