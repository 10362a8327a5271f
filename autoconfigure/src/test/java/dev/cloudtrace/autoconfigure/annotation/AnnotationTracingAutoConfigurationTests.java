package dev.cloudtrace.autoconfigure.annotation;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.task.OpenTelemetryTaskDecorator;
import dev.cloudtrace.autoconfigure.task.TaskContextPropagationAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategy;
import io.opentelemetry.instrumentation.reactor.v3_1.ReactorAsyncOperationEndStrategy;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnnotationTracingAutoConfiguration}.
 */
class AnnotationTracingAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CloudTraceDisabledAutoConfiguration.class,
				GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class,
				CloudTraceExportAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class,
				AnnotationTracingAutoConfiguration.class, TaskContextPropagationAutoConfiguration.class))
		.withPropertyValues("cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
				"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false")
		.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
		.withBean(TracedService.class);

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(AnnotationTracingAutoConfiguration.class.getName());
	}

	@Test
	void createsPostProcessorAndReactorEndStrategy() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(AnnotationTracingProperties.class);
			assertThat(context).getBeans(WithSpanAdvisingPostProcessor.class)
				.containsOnlyKeys("cloudTraceWithSpanAdvisingPostProcessor");
			assertThat(context).getBeans(ReactorAsyncOperationEndStrategy.class)
				.containsOnlyKeys("cloudTraceReactorAsyncEndStrategy");
			context.getBean(TracedService.class).work();
			assertThat(this.exporter.getFinishedSpanItems()).singleElement()
				.satisfies((span) -> assertThat(span.getName()).isEqualTo("TracedService.work"));
		});
	}

	@Test
	void switchedOffByProperty() {
		this.runner.withPropertyValues("cloudtrace.annotations.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(WithSpanAdvisingPostProcessor.class);
			assertThat(context).hasSingleBean(Tracer.class);
			TracedService service = context.getBean(TracedService.class);
			assertThat(AopUtils.isAopProxy(service)).isFalse();
			service.work();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.runner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WithSpanAdvisingPostProcessor.class);
			assertThat(context).doesNotHaveBean(AsyncOperationEndStrategy.class);
			assertThat(context).doesNotHaveBean(AnnotationTracingProperties.class);
			assertThat(context.getBean(OpenTelemetry.class)).isSameAs(OpenTelemetry.noop());
		});
	}

	@Test
	void backsOffWhenUserDefinesPostProcessor() {
		this.runner
			.withBean("userPostProcessor", WithSpanAdvisingPostProcessor.class,
					() -> new WithSpanAdvisingPostProcessor(new WithSpanMethodInterceptor(OpenTelemetry.noop())))
			.run((context) -> {
				assertThat(context).getBeans(WithSpanAdvisingPostProcessor.class).containsOnlyKeys("userPostProcessor");
				context.getBean(TracedService.class).work();
				assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			});
	}

	@Test
	void backsOffWhenUserDefinesReactorEndStrategy() {
		this.runner
			.withBean("userStrategy", ReactorAsyncOperationEndStrategy.class,
					ReactorAsyncOperationEndStrategy::create)
			.run((context) -> assertThat(context).getBeans(ReactorAsyncOperationEndStrategy.class)
				.containsOnlyKeys("userStrategy"));
	}

	@Test
	void tracesWithoutAspectJ() {
		this.runner.withClassLoader(new FilteredClassLoader("org.aspectj")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WithSpanAdvisingPostProcessor.class);
			assertThat(context).hasSingleBean(OpenTelemetryTaskDecorator.class);
			context.getBean(TracedService.class).work();
			assertThat(this.exporter.getFinishedSpanItems()).singleElement()
				.satisfies((span) -> assertThat(span.getName()).isEqualTo("TracedService.work"));
		});
	}

	@Test
	void tracesWithoutReactor() {
		this.runner.withClassLoader(new FilteredClassLoader(Mono.class)).run((context) -> {
			assertThat(context).hasSingleBean(WithSpanAdvisingPostProcessor.class);
			assertThat(context).doesNotHaveBean(AsyncOperationEndStrategy.class);
			context.getBean(TracedService.class).work();
			assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		});
	}

	// Public, for a proxy defined by the FilteredClassLoader to extend it.
	public static class TracedService {

		@WithSpan
		public void work() {
		}

	}

}
