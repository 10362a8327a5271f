package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An exporter whose export blocks its caller (a batch span processor's worker) until
 * released, as a backend that never answers would.
 */
public final class BlockingSpanExporter implements SpanExporter {

	private final CountDownLatch release;

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicInteger exported = new AtomicInteger();

	/**
	 * Creates an exporter.
	 * @param release counted down to let every export, current and later, return
	 */
	public BlockingSpanExporter(CountDownLatch release) {
		this.release = release;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.waiting.addAndGet(spans.size());
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.waiting.addAndGet(-spans.size());
		this.exported.addAndGet(spans.size());
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Returns the spans of the exports that wait for the release now.
	 * @return the number of waiting spans
	 */
	public int waitingSpans() {
		return this.waiting.get();
	}

	/**
	 * Returns the spans whose export returned.
	 * @return the number of exported spans
	 */
	public int exportedSpans() {
		return this.exported.get();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
