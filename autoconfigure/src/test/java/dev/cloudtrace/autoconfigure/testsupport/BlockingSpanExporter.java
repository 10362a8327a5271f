package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An exporter whose export blocks its caller (a batch span processor's worker) until
 * released, as a backend that never answers would.
 */
public final class BlockingSpanExporter implements SpanExporter {

	private final CountDownLatch release;

	/**
	 * Creates an exporter.
	 * @param release counted down to let every export, current and later, return
	 */
	public BlockingSpanExporter(CountDownLatch release) {
		this.release = release;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return CompletableResultCode.ofSuccess();
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
