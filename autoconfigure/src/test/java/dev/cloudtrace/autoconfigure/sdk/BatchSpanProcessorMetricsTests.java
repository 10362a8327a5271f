package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.testsupport.BlockingSpanExporter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BatchSpanProcessorMetrics}, read from a real {@link BatchSpanProcessor}.
 */
class BatchSpanProcessorMetricsTests {

	private final BatchSpanProcessorMetrics metrics = new BatchSpanProcessorMetrics();

	@Test
	void countsTheSpansTheProcessorDropsAndQueues() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		BlockingSpanExporter exporter = new BlockingSpanExporter(release);
		BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter)
			.setMaxQueueSize(4)
			.setMaxExportBatchSize(2)
			.setScheduleDelay(Duration.ofHours(1))
			.setMeterProvider(this.metrics.meterProvider())
			.build();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			assertThat(this.metrics.read()).isEqualTo(new BatchSpanProcessorMetrics.Snapshot(0, 0));
			Tracer tracer = tracerProvider.get("test");
			for (int i = 0; i < 10; i++) {
				tracer.spanBuilder("span-" + i).startSpan().end();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> exporter.waitingSpans() > 0);
			BatchSpanProcessorMetrics.Snapshot blocked = this.metrics.read();
			assertThat(blocked.dropped()).isPositive();
			assertThat(blocked.queued()).isBetween(1L, 4L);
			assertThat(blocked.dropped() + blocked.queued() + exporter.waitingSpans()).isEqualTo(10);
			assertThat(this.metrics.droppedSpans()).isEqualTo(blocked.dropped());
			release.countDown();
			assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
			assertThat(this.metrics.read()).isEqualTo(new BatchSpanProcessorMetrics.Snapshot(blocked.dropped(), 0));
			assertThat(exporter.exportedSpans()).isEqualTo(10 - blocked.dropped());
		}
	}

	@Test
	void otherInstrumentsAreNoOps() {
		var meter = this.metrics.meterProvider().get("other");
		meter.counterBuilder("processedSpans").ofDoubles().build().add(1, Attributes.empty());
		meter.counterBuilder("other").build().add(5, Attributes.builder().put("dropped", true).build());
		meter.upDownCounterBuilder("other").build().add(1);
		meter.histogramBuilder("other").build().record(1);
		meter.gaugeBuilder("other").ofLongs().buildWithCallback((measurement) -> measurement.record(7));
		meter.gaugeBuilder("queueSize").buildWithCallback((measurement) -> measurement.record(7));
		assertThat(this.metrics.read()).isEqualTo(new BatchSpanProcessorMetrics.Snapshot(0, 0));
		meter.counterBuilder("processedSpans").build().add(3, Attributes.builder().put("dropped", true).build());
		meter.counterBuilder("processedSpans").build().add(4, Attributes.builder().put("dropped", false).build());
		assertThat(this.metrics.droppedSpans()).isEqualTo(3);
	}

}
