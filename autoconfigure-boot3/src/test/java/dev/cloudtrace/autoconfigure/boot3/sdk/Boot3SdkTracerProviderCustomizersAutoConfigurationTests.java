package dev.cloudtrace.autoconfigure.boot3.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cloudtrace.autoconfigure.boot3.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Boot3SdkTracerProviderCustomizersAutoConfiguration}, on Spring Boot 3.
 */
class Boot3SdkTracerProviderCustomizersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners
		.offline(Boot3SdkTracerProviderCustomizersAutoConfiguration.class);

	@Test
	void createsCustomizerThatAppliesSpringBootCustomizers() {
		this.contextRunner.run((context) -> assertThat(context)
			.hasSingleBean(Boot3SdkTracerProviderBuilderCustomizers.class)
			.hasBean("cloudTraceBoot3SdkTracerProviderBuilderCustomizers"));
	}

	@Test
	void appliesSpringBootCustomizerToTracerProvider() {
		this.contextRunner.withUserConfiguration(RecordingSpanProcessorConfiguration.class).run((context) -> {
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("work").startSpan().end();
			List<SpanData> spans = context.getBean(RecordedSpans.class).exporter.getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getName).containsExactly("work");
		});
	}

	@Test
	void appliesSpringBootCustomizersInOrderBeforeTheStartersOwn() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class).run((context) -> {
			context.getBean(SdkTracerProvider.class);
			assertThat(context.getBean(Calls.class).names).containsExactly("spring-boot-first", "spring-boot-second",
					"starter");
		});
	}

	@Test
	void starterCustomizerWinsOverSpringBootCustomizer() {
		this.contextRunner.withUserConfiguration(ConflictingSamplersConfiguration.class)
			.run((context) -> assertThat(context.getBean(SdkTracerProvider.class).getSampler())
				.isSameAs(ConflictingSamplersConfiguration.STARTER_SAMPLER));
	}

	@Test
	void backsOffFromUserCustomizers() {
		this.contextRunner.withUserConfiguration(UserCustomizersConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Boot3SdkTracerProviderBuilderCustomizers.class)
				.hasBean("userCustomizers"));
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Boot3SdkTracerProviderBuilderCustomizers.class));
	}

	@Test
	void createsNothingWithoutSpringBoot3Customizer() {
		// As on Spring Boot 4, whose customizer lives in another package.
		this.contextRunner.withClassLoader(new FilteredClassLoader(SdkTracerProviderBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SdkTracerProvider.class)
				.doesNotHaveBean(Boot3SdkTracerProviderBuilderCustomizers.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingSpanProcessorConfiguration {

		@Bean
		RecordedSpans recordedSpans() {
			return new RecordedSpans();
		}

		@Bean
		SdkTracerProviderBuilderCustomizer recordingSpanProcessor(RecordedSpans recorded) {
			return (builder) -> builder.addSpanProcessor(SimpleSpanProcessor.create(recorded.exporter));
		}

	}

	// Not a SpanExporter bean: the starter would export to it as well, through a batch.
	static final class RecordedSpans {

		final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	}

	static final class Calls {

		final List<String> names = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		dev.cloudtrace.autoconfigure.sdk.SdkTracerProviderBuilderCustomizer starterTypeCustomizer(Calls calls) {
			return (builder) -> calls.names.add("starter");
		}

		@Bean
		@Order(2)
		SdkTracerProviderBuilderCustomizer springBootSecond(Calls calls) {
			return (builder) -> calls.names.add("spring-boot-second");
		}

		@Bean
		@Order(1)
		SdkTracerProviderBuilderCustomizer springBootFirst(Calls calls) {
			return (builder) -> calls.names.add("spring-boot-first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConflictingSamplersConfiguration {

		static final Sampler STARTER_SAMPLER = Sampler.traceIdRatioBased(0.5);

		@Bean
		dev.cloudtrace.autoconfigure.sdk.SdkTracerProviderBuilderCustomizer starterTypeSampler() {
			return (builder) -> builder.setSampler(STARTER_SAMPLER);
		}

		@Bean
		SdkTracerProviderBuilderCustomizer springBootSampler() {
			return (builder) -> builder.setSampler(Sampler.alwaysOff());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizersConfiguration {

		@Bean
		Boot3SdkTracerProviderBuilderCustomizers userCustomizers(
				ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers) {
			return new Boot3SdkTracerProviderBuilderCustomizers(customizers);
		}

	}

}
