package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.RecordingSpanExporter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.MergedAnnotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SpanExportMetricsAutoConfiguration}.
 */
class SpanExportMetricsAutoConfigurationTests {

	private static final String BINDER = "cloudTraceSpanExportMeterBinder";

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline()
		.withConfiguration(AutoConfigurations.of(SpanExportMetricsAutoConfiguration.class));

	@Test
	void metersCountWhatEachExporterExportedAndLost() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("recordingExporter", RecordingSpanExporter.class, RecordingSpanExporter::new)
			.withBean("failingExporter", ControlledSpanExporter.class, ControlledSpanExporter::failing)
			.withPropertyValues("cloudtrace.batch.max-queue-size=64", "cloudtrace.batch.max-export-batch-size=8")
			.run((context) -> {
				MeterRegistry registry = boundRegistry(context);
				makeSpans(context, 3);
				context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(count(registry, "cloudtrace.spans.exported", "recordingExporter")).isEqualTo(3);
				assertThat(count(registry, "cloudtrace.spans.failed", "recordingExporter")).isZero();
				assertThat(count(registry, "cloudtrace.spans.exported", "failingExporter")).isZero();
				assertThat(count(registry, "cloudtrace.spans.failed", "failingExporter")).isEqualTo(3);
				for (String exporter : List.of("recordingExporter", "failingExporter")) {
					FunctionTimer duration = registry.get("cloudtrace.export.duration")
						.tag("exporter", exporter)
						.functionTimer();
					// 3 spans, 8 to a batch: one export each, timed whether it succeeded or not.
					assertThat(duration.count()).isEqualTo(1);
					assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isPositive();
					assertThat(count(registry, "cloudtrace.spans.dropped", exporter)).isZero();
					assertThat(gauge(registry, "cloudtrace.queue.size", exporter)).isZero();
					assertThat(gauge(registry, "cloudtrace.queue.capacity", exporter)).isEqualTo(64);
				}
			});
	}

	@Test
	void metersCountSpansDroppedFromAFullQueueAndTheQueue() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("stuckExporter", ControlledSpanExporter.class, ControlledSpanExporter::holding)
			.withPropertyValues("cloudtrace.batch.max-queue-size=4", "cloudtrace.batch.max-export-batch-size=1",
					"cloudtrace.batch.schedule-delay=10ms")
			.run((context) -> {
				MeterRegistry registry = boundRegistry(context);
				ControlledSpanExporter exporter = context.getBean(ControlledSpanExporter.class);
				makeSpans(context, 1);
				// The processor's worker took that span and now waits for its export.
				assertThat(exporter.started.await(10, TimeUnit.SECONDS)).isTrue();
				makeSpans(context, 10);
				assertThat(gauge(registry, "cloudtrace.queue.size", "stuckExporter")).isEqualTo(4);
				assertThat(count(registry, "cloudtrace.spans.dropped", "stuckExporter")).isEqualTo(6);
				exporter.release();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> count(registry, "cloudtrace.spans.exported", "stuckExporter") == 5);
				assertThat(gauge(registry, "cloudtrace.queue.size", "stuckExporter")).isZero();
			});
	}

	@Test
	void backsOffWithoutMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BINDER));
	}

	@Test
	void startsWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SpanExportStatistics.class)
				.doesNotHaveBean(BINDER));
	}

	@Test
	void backsOffWhenTracingIsDisabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BINDER));
	}

	@Test
	void backsOffFromUserBeanOfSameName() {
		MeterBinder userBinder = (registry) -> {
		};
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(BINDER, MeterBinder.class, () -> userBinder)
			.run((context) -> assertThat(context.getBean(BINDER)).isSameAs(userBinder));
	}

	@Test
	void comesAfterSpringBootsMeterRegistriesOnEveryLine() {
		assertThat(MergedAnnotations.from(SpanExportMetricsAutoConfiguration.class)
			.get(AutoConfiguration.class)
			.getStringArray("afterName")).containsExactlyInAnyOrder(
					"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
					"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration");
	}

	// Spring Boot's MeterRegistryPostProcessor (Actuator) binds every MeterBinder bean so.
	private static MeterRegistry boundRegistry(AssertableApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		context.getBean(BINDER, MeterBinder.class).bindTo(registry);
		return registry;
	}

	private static void makeSpans(AssertableApplicationContext context, int count) {
		Tracer tracer = context.getBean(Tracer.class);
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
	}

	private static double count(MeterRegistry registry, String name, String exporter) {
		return registry.get(name).tag("exporter", exporter).functionCounter().count();
	}

	private static double gauge(MeterRegistry registry, String name, String exporter) {
		return registry.get(name).tag("exporter", exporter).gauge().value();
	}

	/**
	 * An exporter whose exports fail at once, or wait until the test releases them.
	 */
	static final class ControlledSpanExporter implements SpanExporter {

		final CountDownLatch started = new CountDownLatch(1);

		private final List<CompletableResultCode> pending = new ArrayList<>();

		private final boolean failing;

		private boolean released;

		private ControlledSpanExporter(boolean failing) {
			this.failing = failing;
		}

		static ControlledSpanExporter failing() {
			return new ControlledSpanExporter(true);
		}

		static ControlledSpanExporter holding() {
			return new ControlledSpanExporter(false);
		}

		@Override
		public synchronized CompletableResultCode export(Collection<SpanData> spans) {
			this.started.countDown();
			if (this.failing) {
				return CompletableResultCode.ofFailure();
			}
			if (this.released) {
				return CompletableResultCode.ofSuccess();
			}
			CompletableResultCode result = new CompletableResultCode();
			this.pending.add(result);
			return result;
		}

		synchronized void release() {
			this.released = true;
			this.pending.forEach(CompletableResultCode::succeed);
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			release();
			return CompletableResultCode.ofSuccess();
		}

	}

}
