package dev.cloudtrace.autoconfigure.task;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.annotation.AnnotationTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskContextPropagationAutoConfiguration}, with Spring Boot's own task
 * executor and scheduler.
 */
class TaskContextPropagationAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CloudTraceDisabledAutoConfiguration.class,
				GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class,
				CloudTraceExportAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class,
				TaskContextPropagationAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
				"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false")
		.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter));

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(TaskContextPropagationAutoConfiguration.class.getName());
	}

	@Test
	void createsTaskDecorator() {
		this.runner.run((context) -> {
			assertThat(context).getBeans(OpenTelemetryTaskDecorator.class).containsOnlyKeys("cloudTraceTaskDecorator");
			assertThat(context).hasSingleBean(TaskContextPropagationProperties.class);
		});
	}

	@Test
	void applicationTaskExecutorRunsTaskInCallersContext() {
		this.runner.run((context) -> {
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			SpanContext seen;
			try (Scope scope = parent.makeCurrent()) {
				seen = runOnApplicationTaskExecutor(context);
			}
			finally {
				parent.end();
			}
			assertThat(seen).isEqualTo(parent.getSpanContext());
		});
	}

	@Test
	void asyncMethodKeepsCallersTraceAndParent() {
		this.runner.withUserConfiguration(AsyncConfiguration.class).run((context) -> {
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			String thread;
			try (Scope scope = parent.makeCurrent()) {
				thread = context.getBean(AsyncService.class).work().get(5, TimeUnit.SECONDS);
			}
			finally {
				parent.end();
			}
			assertThat(thread).isNotEqualTo(Thread.currentThread().getName());
			SpanData async = span("async-work");
			assertThat(async.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
			assertThat(async.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		});
	}

	@Test
	void asyncWithSpanMethodIsChildOfCaller() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(AopAutoConfiguration.class, AnnotationTracingAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.run((context) -> {
				Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
				try (Scope scope = parent.makeCurrent()) {
					context.getBean(AsyncService.class).tracedWork().get(5, TimeUnit.SECONDS);
				}
				finally {
					parent.end();
				}
				SpanData traced = span("AsyncService.tracedWork");
				assertThat(traced.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
				assertThat(traced.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
			});
	}

	@Test
	void schedulerRunsTaskInSubmittersContext() {
		this.runner.withUserConfiguration(SchedulingConfiguration.class).run((context) -> {
			TaskScheduler scheduler = context.getBean(TaskScheduler.class);
			CompletableFuture<SpanContext> seen = new CompletableFuture<>();
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				scheduler.schedule(() -> seen.complete(Span.current().getSpanContext()), Instant.now());
			}
			finally {
				parent.end();
			}
			assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(parent.getSpanContext());
		});
	}

	@Test
	void composesWithUserTaskDecoratorAndWrapsIt() {
		AtomicReference<SpanContext> seenByUserDecorator = new AtomicReference<>();
		TaskDecorator userDecorator = (runnable) -> () -> {
			seenByUserDecorator.set(Span.current().getSpanContext());
			runnable.run();
		};
		this.runner.withBean("userTaskDecorator", TaskDecorator.class, () -> userDecorator).run((context) -> {
			assertThat(context).getBeans(TaskDecorator.class)
				.containsOnlyKeys("userTaskDecorator", "cloudTraceTaskDecorator");
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			SpanContext seenByTask;
			try (Scope scope = parent.makeCurrent()) {
				seenByTask = runOnApplicationTaskExecutor(context);
			}
			finally {
				parent.end();
			}
			assertThat(seenByTask).isEqualTo(parent.getSpanContext());
			assertThat(seenByUserDecorator.get()).isEqualTo(parent.getSpanContext());
		});
	}

	@Test
	void backsOffWhenUserDefinesDecorator() {
		this.runner.withBean("userDecorator", OpenTelemetryTaskDecorator.class, OpenTelemetryTaskDecorator::new)
			.run((context) -> assertThat(context).getBeans(OpenTelemetryTaskDecorator.class)
				.containsOnlyKeys("userDecorator"));
	}

	@Test
	void switchedOffByProperty() {
		this.runner.withPropertyValues("cloudtrace.task.propagate-context=false").run((context) -> {
			assertThat(context).doesNotHaveBean(OpenTelemetryTaskDecorator.class);
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			SpanContext seen;
			try (Scope scope = parent.makeCurrent()) {
				seen = runOnApplicationTaskExecutor(context);
			}
			finally {
				parent.end();
			}
			assertThat(seen.isValid()).isFalse();
		});
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.runner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(OpenTelemetryTaskDecorator.class);
			assertThat(context).doesNotHaveBean(TaskContextPropagationProperties.class);
		});
	}

	private static SpanContext runOnApplicationTaskExecutor(AssertableApplicationContext context) throws Exception {
		AsyncTaskExecutor executor = context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME,
				AsyncTaskExecutor.class);
		Future<SpanContext> seen = executor.submit(() -> Span.current().getSpanContext());
		return seen.get(5, TimeUnit.SECONDS);
	}

	private SpanData span(String name) {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		return spans.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named " + name + " in " + spans));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncService asyncService() {
			return new AsyncService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

	static class AsyncService {

		@Autowired
		private Tracer tracer;

		@Async
		public CompletableFuture<String> work() {
			this.tracer.spanBuilder("async-work").startSpan().end();
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

		@Async
		@WithSpan
		public CompletableFuture<String> tracedWork() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

	}

}
