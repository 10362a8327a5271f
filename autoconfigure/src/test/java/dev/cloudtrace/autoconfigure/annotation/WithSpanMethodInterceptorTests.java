package dev.cloudtrace.autoconfigure.annotation;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link WithSpanMethodInterceptor}, applied to real beans by
 * {@link WithSpanAdvisingPostProcessor}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithSpanMethodInterceptorTests {

	private static final Duration PENDING = Duration.ofMillis(100);

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
				CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
				CloudTraceSdkAutoConfiguration.class, AnnotationTracingAutoConfiguration.class))
		.withPropertyValues("cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
				"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false")
		.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
		.withBean(TracedService.class)
		.withBean(Greeter.class, DefaultGreeter::new)
		.withBean(Farewell.class, DefaultFarewell::new);

	@Test
	void tracesBeanMethodThroughClassProxy() {
		this.runner.run((context) -> {
			TracedService service = context.getBean(TracedService.class);
			assertThat(AopUtils.isCglibProxy(service)).isTrue();
			assertThat(service.work()).isEqualTo("worked");
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("TracedService.work");
			assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.cloudtrace.annotations");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(span.getParentSpanContext().isValid()).isFalse();
		});
	}

	@Test
	void tracesBeanMethodThroughInterfaceProxy() {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Greeter greeter = context.getBean(Greeter.class);
			assertThat(AopUtils.isJdkDynamicProxy(greeter)).isTrue();
			assertThat(greeter.greet("Ada")).isEqualTo("Hello, Ada");
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("DefaultGreeter.greet");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("name"))).isEqualTo("Ada");
		});
	}

	@Test
	void ignoresAnnotationOnInterfaceMethodThroughInterfaceProxy() {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			assertThat(context.getBean(Farewell.class).bye("Ada")).isEqualTo("Bye, Ada");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void ignoresAnnotationOnInterfaceMethodThroughClassProxy() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Farewell.class).bye("Ada")).isEqualTo("Bye, Ada");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void tracesMethodInheritedFromSuperclassAndLeavesBeansWithoutAnnotationUnproxied() {
		this.runner.withBean(InheritingService.class).withBean(PlainService.class).run((context) -> {
			InheritingService service = context.getBean(InheritingService.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			assertThat(service.inherited()).isEqualTo("inherited");
			assertThat(service.own()).isEqualTo("own");
			assertThat(onlySpan().getName()).isEqualTo("BaseService.inherited");
			assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse();
			assertThat(AopUtils.isAopProxy(context.getBean(Farewell.class))).isFalse();
		});
	}

	@Test
	void readsSpanAttributeDeclaredOnInterfaceParameter() {
		this.runner.run((context) -> {
			context.getBean(Greeter.class).greet("Grace");
			assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("name"))).isEqualTo("Grace");
		});
	}

	@Test
	void spanIsChildOfCurrentSpan() {
		this.runner.run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span parent = tracer.spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				context.getBean(TracedService.class).work();
			}
			finally {
				parent.end();
			}
			SpanData child = span("TracedService.work");
			assertThat(child.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
			assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		});
	}

	@Test
	void methodRunsWithItsSpanCurrent() {
		this.runner.run((context) -> {
			String current = context.getBean(TracedService.class).currentSpanId();
			assertThat(current).isEqualTo(onlySpan().getSpanId());
		});
	}

	@Test
	void usesNameAndKindOfAnnotation() {
		this.runner.run((context) -> {
			context.getBean(TracedService.class).named();
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("custom-name");
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		});
	}

	@Test
	void startsNewTraceWhenContextIsNotInherited() {
		this.runner.run((context) -> {
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				context.getBean(TracedService.class).detached();
			}
			finally {
				parent.end();
			}
			SpanData detached = span("TracedService.detached");
			assertThat(detached.getParentSpanContext().isValid()).isFalse();
			assertThat(detached.getTraceId()).isNotEqualTo(parent.getSpanContext().getTraceId());
		});
	}

	@Test
	void turnsSpanAttributeParametersIntoTypedAttributes() {
		this.runner.run((context) -> {
			context.getBean(TracedService.class)
				.attributes("text", 42L, 7, true, 0.5, List.of("a", "b"), null, "not an attribute");
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("text"))).isEqualTo("text");
			assertThat(span.getAttributes().get(AttributeKey.longKey("custom.count"))).isEqualTo(42L);
			assertThat(span.getAttributes().get(AttributeKey.longKey("small"))).isEqualTo(7L);
			assertThat(span.getAttributes().get(AttributeKey.booleanKey("flag"))).isTrue();
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
			assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("tags"))).containsExactly("a", "b");
			assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
				.doesNotContain("missing", "plain", "count");
		});
	}

	@Test
	void recordsCodeLocation() {
		this.runner.run((context) -> {
			context.getBean(TracedService.class).work();
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(AttributeKey.stringKey("code.namespace")))
				.isEqualTo(TracedService.class.getName());
			assertThat(span.getAttributes().get(AttributeKey.stringKey("code.function"))).isEqualTo("work");
		});
	}

	@Test
	void recordsAndRethrowsException() {
		this.runner.run((context) -> {
			TracedService service = context.getBean(TracedService.class);
			assertThatThrownBy(service::fail).isSameAs(TracedService.FAILURE);
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(exceptionType(span)).isEqualTo(IOException.class.getName());
			assertThat(span.hasEnded()).isTrue();
		});
	}

	@Test
	void endsSpanWhenCompletableFutureCompletes() {
		this.runner.run((context) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = context.getBean(TracedService.class).later(pending);
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			TimeUnit.MILLISECONDS.sleep(PENDING.toMillis());
			pending.complete("done");
			assertThat(returned.join()).isEqualTo("done");
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(duration(span)).isGreaterThanOrEqualTo(PENDING);
		});
	}

	@Test
	void recordsFailureOfCompletableFuture() {
		this.runner.run((context) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = context.getBean(TracedService.class).later(pending);
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			TimeUnit.MILLISECONDS.sleep(PENDING.toMillis());
			IllegalStateException failure = new IllegalStateException("late failure");
			pending.completeExceptionally(failure);
			assertThatThrownBy(returned::join).isInstanceOf(CompletionException.class).hasCause(failure);
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(exceptionType(span)).isEqualTo(IllegalStateException.class.getName());
			assertThat(duration(span)).isGreaterThanOrEqualTo(PENDING);
		});
	}

	@Test
	void endsSpanWhenCompletionStageCompletes() {
		this.runner.run((context) -> {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletionStage<String> returned = context.getBean(TracedService.class).laterStage(pending);
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			TimeUnit.MILLISECONDS.sleep(PENDING.toMillis());
			pending.complete("done");
			assertThat(returned.toCompletableFuture().join()).isEqualTo("done");
			assertThat(duration(onlySpan())).isGreaterThanOrEqualTo(PENDING);
		});
	}

	@Test
	void endsSpanAtOnceWhenFutureIsAlreadyComplete() {
		this.runner.run((context) -> {
			CompletableFuture<String> returned = context.getBean(TracedService.class)
				.later(CompletableFuture.completedFuture("now"));
			assertThat(returned.join()).isEqualTo("now");
			assertThat(onlySpan().hasEnded()).isTrue();
		});
	}

	@Test
	void tracesWithoutSpringBootAutoProxying() {
		CloudTraceContextRunners.offline()
			.withConfiguration(AutoConfigurations.of(AnnotationTracingAutoConfiguration.class))
			.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.withBean(TracedService.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME);
				assertThat(context.getBean(TracedService.class).work()).isEqualTo("worked");
				assertThat(onlySpan().getName()).isEqualTo("TracedService.work");
			});
	}

	@Test
	void spanCoversAdviceOfOtherAdvisors() {
		RecordingAdvice otherAdvice = new RecordingAdvice();
		DefaultPointcutAdvisor otherAdvisor = new DefaultPointcutAdvisor(
				AnnotationMatchingPointcut.forMethodAnnotation(WithSpan.class), otherAdvice);
		otherAdvisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		this.runner.withBean("otherAdvisor", Advisor.class, () -> otherAdvisor).run((context) -> {
			TracedService service = context.getBean(TracedService.class);
			String spanIdInMethod = service.currentSpanId();
			assertThat(otherAdvice.spanIdsSeen).containsExactly(spanIdInMethod);
			assertThat(onlySpan().getSpanId()).isEqualTo(spanIdInMethod);
			assertThat(((Advised) service).getAdvisors()).hasSize(2);
		});
	}

	@Test
	void createsNoTracingBeanWhilePostProcessorsAreRegistered(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(TracedService.class).work();
			assertThat(onlySpan().getName()).isEqualTo("TracedService.work");
			assertThat(output).doesNotContain("not eligible for getting processed by all BeanPostProcessors");
		});
	}

	@Test
	void selfInvocationIsNotTraced() {
		this.runner.run((context) -> {
			assertThat(context.getBean(TracedService.class).callsItself()).isEqualTo("worked");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	private SpanData onlySpan() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named " + name + " in "
					+ this.exporter.getFinishedSpanItems()));
	}

	private static String exceptionType(SpanData span) {
		return span.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("exception"))
			.map(EventData::getAttributes)
			.map((attributes) -> attributes.get(AttributeKey.stringKey("exception.type")))
			.findFirst()
			.orElse(null);
	}

	private static Duration duration(SpanData span) {
		return Duration.ofNanos(span.getEndEpochNanos() - span.getStartEpochNanos());
	}

	static class TracedService {

		static final IOException FAILURE = new IOException("failed");

		@WithSpan
		public String work() {
			return "worked";
		}

		@WithSpan
		public String currentSpanId() {
			return Span.current().getSpanContext().getSpanId();
		}

		@WithSpan(value = "custom-name", kind = SpanKind.CLIENT)
		public void named() {
		}

		@WithSpan(inheritContext = false)
		public void detached() {
		}

		@WithSpan
		public void attributes(@SpanAttribute String text, @SpanAttribute("custom.count") long count,
				@SpanAttribute int small, @SpanAttribute boolean flag, @SpanAttribute double ratio,
				@SpanAttribute List<String> tags, @SpanAttribute("missing") String missing, String plain) {
		}

		@WithSpan
		public void fail() throws IOException {
			throw FAILURE;
		}

		@WithSpan
		public CompletableFuture<String> later(CompletableFuture<String> future) {
			return future;
		}

		@WithSpan
		public CompletionStage<String> laterStage(CompletableFuture<String> future) {
			return future;
		}

		public String callsItself() {
			return work();
		}

	}

	static class BaseService {

		@WithSpan
		public String inherited() {
			return "inherited";
		}

	}

	static class InheritingService extends BaseService {

		public String own() {
			return "own";
		}

	}

	static class PlainService {

		public String work() {
			return "plain";
		}

	}

	static class RecordingAdvice implements MethodInterceptor {

		final List<String> spanIdsSeen = new CopyOnWriteArrayList<>();

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			this.spanIdsSeen.add(Span.current().getSpanContext().getSpanId());
			return invocation.proceed();
		}

	}

	interface Greeter {

		String greet(@SpanAttribute String name);

	}

	interface Farewell {

		@WithSpan
		String bye(@SpanAttribute String name);

	}

	static class DefaultFarewell implements Farewell {

		@Override
		public String bye(String name) {
			return "Bye, " + name;
		}

	}

	static class DefaultGreeter implements Greeter {

		@Override
		@WithSpan
		public String greet(String name) {
			return "Hello, " + name;
		}

	}

}
