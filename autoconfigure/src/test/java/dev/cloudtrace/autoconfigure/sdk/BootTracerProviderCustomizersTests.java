package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the starter's use of Spring Boot 4's own
 * {@link org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer}
 * beans, and its place before Spring Boot's OpenTelemetry auto-configurations.
 */
class BootTracerProviderCustomizersTests {

	private static final String BOOT_CUSTOMIZER = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer";

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline();

	@Test
	void appliesSpringBootsCustomizers() {
		this.contextRunner.withUserConfiguration(BootCustomizerConfiguration.class).run((context) -> {
			context.getBean(Tracer.class).spanBuilder("customized by Boot's type").startSpan().end();
			assertThat(BootCustomizerConfiguration.EXPORTER.getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactly("customized by Boot's type");
		});
	}

	@Test
	void springBootsCustomizersRunFirstInTheirOrderSoThatTheStartersWin() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class).run((context) -> {
			assertThat(OrderedCustomizersConfiguration.CALLS).containsExactly("boot first", "boot second", "starter");
			assertThat(context.getBean(SdkTracerProvider.class).getSampler()).isSameAs(Sampler.alwaysOn());
		});
	}

	@Test
	void startsWithoutSpringBootsTracingModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BOOT_CUSTOMIZER)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SdkTracerProvider.class)
				.doesNotHaveBean("cloudTraceBootTracerProviderCustomizers");
		});
	}

	@Test
	void comesBeforeSpringBootsOpenTelemetryAutoConfigurationsOnEveryLine() {
		// By name: only Spring Boot 4's tracing auto-configuration is on this classpath.
		assertThat(MergedAnnotations.from(CloudTraceSdkAutoConfiguration.class)
			.get(AutoConfiguration.class)
			.getStringArray("beforeName")).containsExactlyInAnyOrder(OpenTelemetryTracingAutoConfiguration.class.getName(),
					"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
					"org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
					"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration");
	}

	@Configuration(proxyBeanMethods = false)
	static class BootCustomizerConfiguration {

		static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

		@Bean
		org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer bootCustomizer() {
			EXPORTER.reset();
			return (builder) -> builder.addSpanProcessor(SimpleSpanProcessor.create(EXPORTER));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		static final List<String> CALLS = new CopyOnWriteArrayList<>();

		@Bean
		SdkTracerProviderBuilderCustomizer startersCustomizer() {
			CALLS.clear();
			return (builder) -> sample("starter", builder::setSampler, Sampler.alwaysOn());
		}

		@Bean
		@Order(2)
		org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer secondBootCustomizer() {
			return (builder) -> sample("boot second", builder::setSampler, Sampler.alwaysOff());
		}

		@Bean
		@Order(1)
		org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer firstBootCustomizer() {
			return (builder) -> sample("boot first", builder::setSampler, Sampler.alwaysOff());
		}

		private static void sample(String call, Consumer<Sampler> setSampler, Sampler sampler) {
			CALLS.add(call);
			setSampler.accept(sampler);
		}

	}

}
