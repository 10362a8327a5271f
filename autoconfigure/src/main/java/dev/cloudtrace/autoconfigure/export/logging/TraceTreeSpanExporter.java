package dev.cloudtrace.autoconfigure.export.logging;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Development {@link SpanExporter} that prints each finished trace as an indented tree
 * with a timeline bar per span.
 * <p>
 * Spans are buffered per trace until the trace's root (a span without a parent) arrives,
 * then the whole tree is written in one call to the output. A span with a remote parent
 * is only a provisional root: its trace is held for a grace period in case the caller's
 * spans arrive too (a service calling itself, or several services sharing one process),
 * so that both halves print as one tree; if no caller shows up, what is there is printed
 * when the grace period ends. Traces whose root never arrives are written as they are
 * after a timeout, when the buffer is full, and on {@link #flush()} or
 * {@link #shutdown()}. Formatting happens in {@link #export(Collection)} and, for traces
 * that wait out a grace period or timeout, on one daemon thread of the exporter's own, so
 * register it with a {@code BatchSpanProcessor} to keep that work off application
 * threads. The {@link TraceBuffer} decides when a trace is ready, the
 * {@link TraceTreeRenderer} draws it.
 */
public final class TraceTreeSpanExporter implements SpanExporter {

	private final Consumer<String> output;

	private final TraceTreeRenderer renderer;

	private final TraceBuffer buffer;

	/**
	 * Create an exporter that hands each printed trace, as one multi-line string, to the
	 * given output.
	 * @param output receives one string per trace
	 */
	public TraceTreeSpanExporter(Consumer<String> output) {
		this(output, TraceTreeRenderer.BLOCK, System::nanoTime, TraceBuffer.DEFAULT_TIMEOUT, TraceBuffer.DEFAULT_GRACE,
				TraceBuffer.DEFAULT_MAX_TRACES, TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE, true);
	}

	/**
	 * Create an exporter with the given clock and limits.
	 * @param checkInBackground whether a daemon thread prints traces whose grace period
	 * or timeout has passed; without it that happens only in {@link #export(Collection)}
	 * and {@link #printExpired()}
	 */
	TraceTreeSpanExporter(Consumer<String> output, char block, LongSupplier nanoTime, Duration timeout, Duration grace,
			int maxTraces, int maxSpansPerTrace, boolean checkInBackground) {
		this.output = output;
		this.renderer = new TraceTreeRenderer(block);
		this.buffer = new TraceBuffer(nanoTime, timeout, grace, maxTraces, maxSpansPerTrace,
				checkInBackground ? this::printExpired : null);
	}

	/**
	 * Create an exporter that writes each trace at INFO level to the
	 * {@code dev.cloudtrace.autoconfigure.export.logging.TraceTreeSpanExporter} logger.
	 * @return the exporter
	 */
	public static TraceTreeSpanExporter toLog() {
		Log log = LogFactory.getLog(TraceTreeSpanExporter.class);
		return new TraceTreeSpanExporter(log::info, TraceTreeRenderer.blockFor(consoleCharset()), System::nanoTime,
				TraceBuffer.DEFAULT_TIMEOUT, TraceBuffer.DEFAULT_GRACE, TraceBuffer.DEFAULT_MAX_TRACES,
				TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE, true);
	}

	// Development logs are read on the console; its encoding is the one the bar must survive.
	private static Charset consoleCharset() {
		for (String property : new String[] { "stdout.encoding", "sun.stdout.encoding" }) {
			String name = System.getProperty(property);
			if (name != null) {
				try {
					return Charset.forName(name);
				}
				catch (IllegalArgumentException ex) {
					// An unknown encoding name: fall back to the platform default.
				}
			}
		}
		return Charset.defaultCharset();
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<List<SpanData>> traces = new ArrayList<>();
		try {
			if (!this.buffer.add(spans, traces)) {
				return CompletableResultCode.ofFailure();
			}
		}
		catch (RuntimeException ex) {
			// A malformed span must never break the processor's worker thread.
			write(traces);
			return CompletableResultCode.ofFailure();
		}
		return write(traces);
	}

	@Override
	public CompletableResultCode flush() {
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.drain(traces);
		return write(traces);
	}

	@Override
	public CompletableResultCode shutdown() {
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.shutdown(traces);
		write(traces);
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Print the traces whose grace period or timeout has passed. Called periodically on
	 * the exporter's own thread, because a {@code BatchSpanProcessor} calls
	 * {@link #export(Collection)} only when it has spans, which may be never again.
	 */
	void printExpired() {
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.expired(traces);
		write(traces);
	}

	private CompletableResultCode write(List<List<SpanData>> traces) {
		boolean failed = false;
		for (List<SpanData> trace : traces) {
			try {
				this.output.accept(this.renderer.render(trace));
			}
			catch (RuntimeException ex) {
				failed = true;
			}
		}
		return failed ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
	}

}
