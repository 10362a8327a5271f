package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToLongFunction;

/**
 * Counts of what became of finished spans on their way to the configured exporters:
 * exported, lost in failed exports, dropped because an export queue was full, and waiting
 * now. The totals cover every batch span processor the starter built; a health indicator
 * or a metrics gauge can read them.
 */
public final class SpanExportStatistics {

	private final List<Pipeline> pipelines = new CopyOnWriteArrayList<>();

	SpanExportStatistics() {
	}

	void register(ReportingSpanExporter exporter, BatchSpanProcessorMetrics metrics) {
		this.pipelines.add(new Pipeline(exporter, metrics));
	}

	/**
	 * Returns how many spans the exporters accepted.
	 * @return the number of exported spans
	 */
	public long exportedSpans() {
		return sum((pipeline) -> pipeline.exporter().exportedSpans());
	}

	/**
	 * Returns how many spans were lost because their export failed (after retries).
	 * @return the number of spans in failed exports
	 */
	public long failedSpans() {
		return sum((pipeline) -> pipeline.exporter().failedSpans());
	}

	/**
	 * Returns how many exports failed (after retries).
	 * @return the number of failed exports
	 */
	public long failedExports() {
		return sum((pipeline) -> pipeline.exporter().failedExports());
	}

	/**
	 * Returns how many spans were dropped because an export queue was full
	 * ({@code cloudtrace.batch.max-queue-size}).
	 * @return the number of dropped spans
	 */
	public long droppedSpans() {
		return sum((pipeline) -> pipeline.metrics().read().dropped());
	}

	/**
	 * Returns how many spans wait in the export queues now.
	 * @return the number of queued spans
	 */
	public long queuedSpans() {
		return sum((pipeline) -> pipeline.metrics().read().queued());
	}

	private long sum(ToLongFunction<Pipeline> count) {
		return this.pipelines.stream().mapToLong(count).sum();
	}

	@Override
	public String toString() {
		return "SpanExportStatistics{exported=" + exportedSpans() + ", failed=" + failedSpans() + ", dropped="
				+ droppedSpans() + ", queued=" + queuedSpans() + "}";
	}

	private record Pipeline(ReportingSpanExporter exporter, BatchSpanProcessorMetrics metrics) {

	}

}
