package dev.cloudtrace.autoconfigure.sdk;

import dev.cloudtrace.autoconfigure.testsupport.RecordingSpanExporter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpanExportMeterBinder}.
 */
class SpanExportMeterBinderTests {

	private final SpanExportStatistics statistics = new SpanExportStatistics();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void givesEachExporterTheSameSixMetersTaggedWithItsName() {
		register("cloudTraceSpanExporter", 2048);
		new SpanExportMeterBinder(this.statistics).bindTo(this.registry);
		register("loggingSpanExporter", 16);
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsOnly("cloudtrace.spans.exported", "cloudtrace.spans.failed", "cloudtrace.spans.dropped",
					"cloudtrace.queue.size", "cloudtrace.queue.capacity", "cloudtrace.export.duration")
			.hasSize(12);
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getTag("exporter"))
			.containsOnly("cloudTraceSpanExporter", "loggingSpanExporter");
		assertThat(this.registry.get("cloudtrace.queue.capacity").tag("exporter", "loggingSpanExporter").gauge().value())
			.isEqualTo(16);
		assertThat(this.registry.get("cloudtrace.spans.exported").tag("exporter", "loggingSpanExporter")
			.functionCounter()
			.count()).isZero();
		assertThat(this.registry.getMeters()).extracting(Meter::getId)
			.filteredOn((id) -> id.getType() != Meter.Type.TIMER)
			.allSatisfy((id) -> assertThat(id.getBaseUnit()).isEqualTo("spans"));
		assertThat(this.registry.get("cloudtrace.export.duration").tag("exporter", "loggingSpanExporter")
			.functionTimer()
			.count()).isZero();
	}

	private void register(String name, int queueCapacity) {
		BatchSpanProcessorMetrics metrics = new BatchSpanProcessorMetrics();
		this.statistics.register(new ReportingSpanExporter(name, new RecordingSpanExporter(), metrics::droppedSpans),
				metrics, queueCapacity);
	}

}
