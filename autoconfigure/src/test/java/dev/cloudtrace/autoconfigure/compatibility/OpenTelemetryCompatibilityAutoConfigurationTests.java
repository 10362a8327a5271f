package dev.cloudtrace.autoconfigure.compatibility;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenTelemetryCompatibilityAutoConfiguration}.
 */
class OpenTelemetryCompatibilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetryCompatibilityAutoConfiguration.class));

	@Test
	void isRegisteredAsTheFirstAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.first()
			.isEqualTo(OpenTelemetryCompatibilityAutoConfiguration.class.getName());
	}

	@Test
	void passesOnTheTestClasspathAndRegistersItsPostProcessor() {
		CloudTraceContextRunners.offline()
			.withConfiguration(AutoConfigurations.of(OpenTelemetryCompatibilityAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBeans(OpenTelemetryCompatibilityPostProcessor.class)
					.containsOnlyKeys("cloudTraceOpenTelemetryCompatibilityPostProcessor");
				assertThat(context).hasSingleBean(OpenTelemetry.class);
			});
	}

	@Test
	void isAbsentWhenCloudTraceIsDisabled() {
		this.runner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(OpenTelemetryCompatibilityPostProcessor.class));
	}

	@Test
	void failsBeforeAnySingletonIsCreatedWhenApiIsOlderThanMinimum() {
		AtomicBoolean singletonCreated = new AtomicBoolean();
		this.runner.withUserConfiguration(ApiTooOldConfiguration.class)
			.withBean("anySingleton", Object.class, () -> {
				singletonCreated.set(true);
				return new Object();
			})
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(IncompatibleOpenTelemetryException.class);
				assertThat(singletonCreated).isFalse();
				FailureAnalysis analysis = new IncompatibleOpenTelemetryFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("The OpenTelemetry API on the classpath is 1.45.0 "
						+ "(io.opentelemetry:opentelemetry-api), but the Cloud Trace starter needs 1.49.0 or later.");
				assertThat(analysis.getAction()).contains("opentelemetry.version", "3.5.x (1.49.0)");
			});
	}

	@Test
	void doesNothingWhenOpenTelemetryIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader("io.opentelemetry"))
			.withUserConfiguration(ApiTooOldConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBeans(OpenTelemetryCompatibilityPostProcessor.class)
				.containsOnlyKeys("cloudTraceOpenTelemetryCompatibilityPostProcessor", "apiTooOld"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApiTooOldConfiguration {

		@Bean
		static OpenTelemetryCompatibilityPostProcessor apiTooOld() {
			return new OpenTelemetryCompatibilityPostProcessor(
					(classLoader) -> OpenTelemetryVersions.none().with(OpenTelemetryArtifact.API, "1.45.0"));
		}

	}

}
