package dev.cloudtrace.autoconfigure.sdk;

import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics.Pipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Makes the counts of {@link SpanExportStatistics} meters, per exporter (tag
 * {@code exporter}, its bean name): {@code cloudtrace.spans.exported},
 * {@code cloudtrace.spans.failed} and {@code cloudtrace.spans.dropped} counters,
 * {@code cloudtrace.queue.size} and {@code cloudtrace.queue.capacity} gauges, and the
 * {@code cloudtrace.export.duration} timer. The meters
 * read the counts when the registry asks; an exporter whose pipeline is built after binding
 * gets its meters then.
 */
final class SpanExportMeterBinder implements MeterBinder {

	private static final String SPANS = "spans";

	private final SpanExportStatistics statistics;

	SpanExportMeterBinder(SpanExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.statistics.forEachPipeline((pipeline) -> bindTo(registry, pipeline));
	}

	private static void bindTo(MeterRegistry registry, Pipeline pipeline) {
		Tags tags = Tags.of("exporter", pipeline.exporter().name());
		ReportingSpanExporter exporter = pipeline.exporter();
		BatchSpanProcessorMetrics metrics = pipeline.metrics();
		FunctionCounter.builder("cloudtrace.spans.exported", exporter, ReportingSpanExporter::exportedSpans)
			.description("Spans that the exporter accepted")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("cloudtrace.spans.failed", exporter, ReportingSpanExporter::failedSpans)
			.description("Spans lost because their export failed, after retries")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("cloudtrace.spans.dropped", metrics, BatchSpanProcessorMetrics::droppedSpans)
			.description("Spans dropped because the export queue was full")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
		FunctionTimer
			.builder("cloudtrace.export.duration", exporter, ReportingSpanExporter::completedExports,
					ReportingSpanExporter::exportNanos, TimeUnit.NANOSECONDS)
			.description("Time from the start of an export to its result, retries included")
			.tags(tags)
			.register(registry);
		Gauge.builder("cloudtrace.queue.size", metrics, (queue) -> queue.read().queued())
			.description("Spans waiting in the export queue")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
		Gauge.builder("cloudtrace.queue.capacity", pipeline, Pipeline::queueCapacity)
			.description("Configured size of the export queue (cloudtrace.batch.max-queue-size)")
			.baseUnit(SPANS)
			.tags(tags)
			.register(registry);
	}

}
