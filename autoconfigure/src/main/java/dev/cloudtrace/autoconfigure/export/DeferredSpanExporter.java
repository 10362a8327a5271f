package dev.cloudtrace.autoconfigure.export;

import java.util.Collection;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * A span exporter that builds its delegate when it first has something to do, on the
 * thread that exports (the batch span processor's worker).
 * <p>
 * Building an OTLP/HTTP exporter creates a JDK {@code HttpClient}, which initialises the
 * default TLS context and starts a selector thread: about 120 ms of CPU on the main thread
 * of a starting application (async-profiler, docs/performance.md). Deferring it keeps that
 * off startup, and an application that never ends a sampled span never pays it. The
 * settings are validated when the builder is configured, so a bad value still fails at
 * startup.
 */
final class DeferredSpanExporter implements SpanExporter {

	private final Supplier<SpanExporter> factory;

	private final String description;

	// Guarded by this. Export runs a few times a second, on one thread: a lock costs nothing
	// there, and makes "not shut down, so build" one step.
	private @Nullable SpanExporter delegate;

	private boolean shutdown;

	/**
	 * Creates an exporter.
	 * @param factory builds the delegate, once
	 * @param description what the delegate will be, for {@link #toString()} until it is built
	 */
	DeferredSpanExporter(Supplier<SpanExporter> factory, String description) {
		this.factory = factory;
		this.description = description;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		SpanExporter exporter;
		synchronized (this) {
			if (this.shutdown) {
				return CompletableResultCode.ofFailure();
			}
			exporter = delegate();
		}
		return exporter.export(spans);
	}

	@Override
	public CompletableResultCode flush() {
		SpanExporter built = built();
		return (built != null) ? built.flush() : CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		SpanExporter built;
		synchronized (this) {
			this.shutdown = true;
			built = this.delegate;
		}
		return (built != null) ? built.shutdown() : CompletableResultCode.ofSuccess();
	}

	/**
	 * Returns the delegate, building it if this is the first call.
	 * @return the exporter that sends the spans
	 */
	synchronized SpanExporter delegate() {
		if (this.delegate == null) {
			this.delegate = this.factory.get();
		}
		return this.delegate;
	}

	private synchronized @Nullable SpanExporter built() {
		return this.delegate;
	}

	@Override
	public String toString() {
		SpanExporter built = built();
		return (built != null) ? built.toString() : this.description + " (built on first export)";
	}

}
