package dev.cloudtrace.autoconfigure.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that keeps what it was given, even after shutdown (unlike the SDK's
 * in-memory exporter, which clears itself), so a test can look after the context closed.
 */
public final class RecordingSpanExporter implements SpanExporter {

	private final List<SpanData> spans = new ArrayList<>();

	private int shutdowns;

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> batch) {
		this.spans.addAll(batch);
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public synchronized CompletableResultCode shutdown() {
		this.shutdowns++;
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Returns the spans received so far.
	 * @return a copy of the spans
	 */
	public synchronized List<SpanData> getSpans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Returns how often {@link #shutdown()} was called.
	 * @return the count
	 */
	public synchronized int getShutdowns() {
		return this.shutdowns;
	}

}
