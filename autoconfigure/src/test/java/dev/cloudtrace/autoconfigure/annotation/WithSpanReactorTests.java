package dev.cloudtrace.autoconfigure.annotation;

import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WithSpanMethodInterceptor} on methods returning a Reactor {@link Mono} or
 * {@link Flux}.
 */
class WithSpanReactorTests {

	private static final Duration DELAY = Duration.ofMillis(100);

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
				CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
				CloudTraceSdkAutoConfiguration.class, AnnotationTracingAutoConfiguration.class))
		.withPropertyValues("cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
				"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false")
		.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
		.withBean(ReactiveService.class);

	@Test
	void endsSpanWhenMonoCompletes() {
		this.runner.run((context) -> {
			Mono<String> mono = context.getBean(ReactiveService.class).delayed();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			assertThat(mono.block()).isEqualTo("done");
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("ReactiveService.delayed");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(duration(span)).isGreaterThanOrEqualTo(DELAY);
		});
	}

	@Test
	void recordsFailureOfMono() {
		this.runner.run((context) -> {
			Mono<String> mono = context.getBean(ReactiveService.class).failing();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			assertThatIllegalStateException().isThrownBy(mono::block).withMessage("reactive failure");
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
			assertThat(duration(span)).isGreaterThanOrEqualTo(DELAY);
		});
	}

	@Test
	void endsSpanWhenFluxCompletes() {
		this.runner.run((context) -> {
			Flux<Integer> flux = context.getBean(ReactiveService.class).numbers();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
			assertThat(flux.collectList().block()).containsExactly(1, 2, 3);
			SpanData span = onlySpan();
			assertThat(span.getName()).isEqualTo("ReactiveService.numbers");
			assertThat(duration(span)).isGreaterThanOrEqualTo(DELAY);
		});
	}

	private SpanData onlySpan() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static Duration duration(SpanData span) {
		return Duration.ofNanos(span.getEndEpochNanos() - span.getStartEpochNanos());
	}

	static class ReactiveService {

		@WithSpan
		public Mono<String> delayed() {
			return Mono.delay(DELAY).thenReturn("done");
		}

		@WithSpan
		public Mono<String> failing() {
			return Mono.delay(DELAY).then(Mono.error(new IllegalStateException("reactive failure")));
		}

		@WithSpan
		public Flux<Integer> numbers() {
			return Flux.just(1, 2, 3).delaySequence(DELAY);
		}

	}

}
