package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * {@link SpanProcessor} around a {@link BatchSpanProcessor} that asks it to export the spans
 * waiting in its queue when a server request starts, at most once per interval.
 * <p>
 * On Cloud Run with request-based billing, the CPU is throttled outside requests. The batch
 * processor's timer then mostly fires while its thread can hardly run, and the spans of a
 * request wait, for the next request or for good. A request that starts has the CPU: the
 * export it asks for runs on the processor's own thread while the request is served, and
 * sends what the earlier requests left.
 * <p>
 * The request thread pays a few field reads per span and, at most once per interval, a
 * {@link BatchSpanProcessor#forceFlush()} call, which only signals the processor's worker
 * and never waits for the export. Only the first span of a request in this process (a
 * server span whose parent is remote or absent) asks, and only when a sampled span has
 * ended since the last time.
 */
final class RequestStartExportProcessor implements SpanProcessor {

	/**
	 * The least time between two exports asked for: under load, at most one export a second
	 * is added to those of the processor's own schedule.
	 */
	static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

	private final SpanProcessor batch;

	private final long intervalNanos;

	private volatile boolean spansWaiting;

	private volatile long lastRequestNanos;

	/**
	 * Wraps a batch span processor.
	 * @param batch the processor to ask for exports
	 * @param interval the least time between two requests for an export
	 */
	RequestStartExportProcessor(SpanProcessor batch, Duration interval) {
		this.batch = batch;
		this.intervalNanos = interval.toNanos();
		this.lastRequestNanos = System.nanoTime() - this.intervalNanos;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.batch.onStart(parentContext, span);
		if (span.getKind() == SpanKind.SERVER && this.spansWaiting && isLocalRoot(span)) {
			long now = System.nanoTime();
			if (now - this.lastRequestNanos >= this.intervalNanos) {
				// Two requests starting together may both ask: the processor takes one flush
				// request at a time and ignores the other.
				this.lastRequestNanos = now;
				this.spansWaiting = false;
				this.batch.forceFlush();
			}
		}
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.batch.onEnd(span);
		// Read before writing: under load the flag is already set, and the write would be
		// contended between request threads.
		if (!this.spansWaiting && span.getSpanContext().isSampled()) {
			this.spansWaiting = true;
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.batch.shutdown();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.batch.forceFlush();
	}

	@Override
	public String toString() {
		return "RequestStartExportProcessor{" + this.batch + ",intervalNanos=" + this.intervalNanos + "}";
	}

}
