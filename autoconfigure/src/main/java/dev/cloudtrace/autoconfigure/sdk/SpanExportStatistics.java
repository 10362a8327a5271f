package dev.cloudtrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Counts of what became of finished spans on their way to the configured exporters:
 * exported, lost in failed exports, dropped because an export queue was full, and waiting
 * now. The totals cover every batch span processor the starter built; a health indicator
 * can read them, and with Micrometer each exporter's counts are meters
 * ({@link SpanExportMetricsAutoConfiguration}).
 */
public final class SpanExportStatistics {

	private final List<Pipeline> pipelines = new CopyOnWriteArrayList<>();

	private final List<Consumer<Pipeline>> listeners = new ArrayList<>();

	SpanExportStatistics() {
	}

	void register(ReportingSpanExporter exporter, BatchSpanProcessorMetrics metrics, int queueCapacity) {
		Pipeline pipeline = new Pipeline(exporter, metrics, queueCapacity);
		synchronized (this.listeners) {
			this.pipelines.add(pipeline);
			this.listeners.forEach((listener) -> listener.accept(pipeline));
		}
	}

	/**
	 * Calls {@code action} for each pipeline registered so far and for each registered
	 * later, as the tracer provider may be built after the caller asks (lazily, or by
	 * another thread).
	 * @param action what to do with each pipeline
	 */
	void forEachPipeline(Consumer<Pipeline> action) {
		synchronized (this.listeners) {
			this.pipelines.forEach(action);
			this.listeners.add(action);
		}
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

	/**
	 * Returns the state of each exporter, in the order their pipelines were built.
	 * @return one state per exporter
	 */
	public List<SpanExporterState> exporters() {
		return this.pipelines.stream().map(Pipeline::state).toList();
	}

	private long sum(ToLongFunction<Pipeline> count) {
		return this.pipelines.stream().mapToLong(count).sum();
	}

	@Override
	public String toString() {
		return "SpanExportStatistics{exported=" + exportedSpans() + ", failed=" + failedSpans() + ", dropped="
				+ droppedSpans() + ", queued=" + queuedSpans() + "}";
	}

	/**
	 * One exporter behind its batch span processor.
	 *
	 * @param exporter the exporter, which counts what it exported and lost
	 * @param metrics what the processor counts about its queue
	 * @param queueCapacity the configured size of the processor's queue
	 */
	record Pipeline(ReportingSpanExporter exporter, BatchSpanProcessorMetrics metrics, int queueCapacity) {

		SpanExporterState state() {
			ReportingSpanExporter.Episode episode = this.exporter.episode();
			BatchSpanProcessorMetrics.Snapshot queue = this.metrics.read();
			return new SpanExporterState(this.exporter.name(), episode.lastSuccessfulExport(), episode.failingSince(),
					episode.failureReason(), episode.failedExports(), episode.droppedSpans(), queue.queued(),
					this.queueCapacity, this.exporter.exportedSpans(), this.exporter.failedSpans(), queue.dropped());
		}

	}

}
