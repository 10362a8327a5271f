package dev.cloudtrace.autoconfigure.export.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Holds finished spans per trace until the trace is complete, and hands out the traces
 * that are ready to print.
 * <p>
 * A trace is complete when its root (a span without a parent) arrives. A span with a
 * remote parent is only a provisional root: its trace is held for a grace period in case
 * the caller's spans arrive too. Traces whose root never arrives are handed out after a
 * timeout, when the buffer is full, and when it is drained; a trace with too many spans
 * is handed out in parts. A daemon thread of the buffer's own runs a check periodically,
 * because spans may never arrive again to trigger one. Thread-safe.
 */
final class TraceBuffer {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

	static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

	static final String THREAD_NAME = "cloudtrace-trace-tree";

	static final int DEFAULT_MAX_TRACES = 1000;

	static final int DEFAULT_MAX_SPANS_PER_TRACE = 1000;

	private final LongSupplier nanoTime;

	private final long timeoutNanos;

	private final long graceNanos;

	private final int maxTraces;

	private final int maxSpansPerTrace;

	private final @Nullable Runnable check;

	private final Object lock = new Object();

	// Insertion order is first-seen order: the eldest traces are the first to expire.
	private final Map<String, PendingTrace> pending = new LinkedHashMap<>();

	private @Nullable ScheduledExecutorService checker;

	private boolean shutdown;

	/**
	 * Create a buffer with the given clock and limits.
	 * @param nanoTime the clock
	 * @param timeout how long a trace without root is held
	 * @param grace how long a trace whose top span has a remote parent waits for its caller
	 * @param maxTraces most traces held
	 * @param maxSpansPerTrace most spans held per trace
	 * @param check what the daemon thread runs every {@link #CHECK_INTERVAL}, from the first
	 * {@link #add}; {@code null} for no thread, then traces expire only in {@link #add} and
	 * {@link #expired}
	 */
	TraceBuffer(LongSupplier nanoTime, Duration timeout, Duration grace, int maxTraces, int maxSpansPerTrace,
			@Nullable Runnable check) {
		this.nanoTime = nanoTime;
		this.timeoutNanos = timeout.toNanos();
		this.graceNanos = grace.toNanos();
		this.maxTraces = maxTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.check = check;
	}

	/**
	 * Adds spans, and collects the traces they complete and those that have expired.
	 * @param spans the finished spans
	 * @param traces receives the spans of each trace ready to print, even when adding fails
	 * part-way
	 * @return {@code false} if the buffer is shut down, and the spans were not added
	 */
	boolean add(Collection<SpanData> spans, List<List<SpanData>> traces) {
		synchronized (this.lock) {
			if (this.shutdown) {
				return false;
			}
			startChecker();
			collect(spans, traces);
			return true;
		}
	}

	/**
	 * Collects the traces whose grace period or timeout has passed.
	 * @param traces receives the spans of each expired trace
	 */
	void expired(List<List<SpanData>> traces) {
		synchronized (this.lock) {
			if (!this.shutdown) {
				expire(this.nanoTime.getAsLong(), traces);
			}
		}
	}

	/**
	 * Collects every trace held, complete or not.
	 * @param traces receives the spans of each trace
	 */
	void drain(List<List<SpanData>> traces) {
		synchronized (this.lock) {
			drainLocked(traces);
		}
	}

	/**
	 * Collects every trace held and stops the daemon thread; later spans are refused.
	 * @param traces receives the spans of each trace
	 */
	void shutdown(List<List<SpanData>> traces) {
		ScheduledExecutorService stopping;
		synchronized (this.lock) {
			this.shutdown = true;
			stopping = this.checker;
			this.checker = null;
			drainLocked(traces);
		}
		if (stopping != null) {
			// Not shutdownNow(): interrupting a check that is writing could break the output.
			stopping.shutdown();
		}
	}

	private void startChecker() {
		if (this.check == null || this.checker != null) {
			return;
		}
		this.checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			// A development aid must never keep the application from exiting.
			thread.setDaemon(true);
			return thread;
		});
		long interval = CHECK_INTERVAL.toNanos();
		this.checker.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.NANOSECONDS);
	}

	// An exception escaping a periodic task would silently cancel all later checks.
	private void checkQuietly() {
		try {
			this.check.run();
		}
		catch (RuntimeException ex) {
			// Nothing useful can be done on this thread; the next check tries again.
		}
	}

	private void collect(Collection<SpanData> spans, List<List<SpanData>> traces) {
		long now = this.nanoTime.getAsLong();
		Set<String> rooted = new LinkedHashSet<>();
		for (SpanData span : spans) {
			String traceId = span.getTraceId();
			PendingTrace trace = this.pending.get(traceId);
			if (trace != null && trace.spans.size() >= this.maxSpansPerTrace) {
				// An oversized trace is printed in parts rather than held without bound.
				this.pending.remove(traceId);
				traces.add(trace.spans);
				trace = null;
			}
			if (trace == null) {
				if (this.pending.size() >= this.maxTraces) {
					evictEldest(traces);
				}
				trace = new PendingTrace(now);
				this.pending.put(traceId, trace);
			}
			trace.spans.add(span);
			SpanContext parent = span.getParentSpanContext();
			if (!parent.isValid()) {
				rooted.add(traceId);
			}
			else if (parent.isRemote()) {
				trace.provisionalSinceNanos = now;
				trace.provisional = true;
			}
		}
		for (String traceId : rooted) {
			PendingTrace trace = this.pending.remove(traceId);
			if (trace != null) {
				traces.add(trace.spans);
			}
		}
		expire(now, traces);
	}

	private void evictEldest(List<List<SpanData>> traces) {
		Iterator<PendingTrace> iterator = this.pending.values().iterator();
		PendingTrace eldest = iterator.next();
		iterator.remove();
		traces.add(eldest.spans);
	}

	// A full scan: grace periods do not end in first-seen order, and the buffer is bounded.
	private void expire(long now, List<List<SpanData>> traces) {
		Iterator<PendingTrace> iterator = this.pending.values().iterator();
		while (iterator.hasNext()) {
			PendingTrace trace = iterator.next();
			if (now - trace.firstSeenNanos >= this.timeoutNanos || graceOver(trace, now)) {
				iterator.remove();
				traces.add(trace.spans);
			}
		}
	}

	/**
	 * Whether the trace's grace period has passed while a span with a remote parent still
	 * has no parent here: the caller is in another process, so this process's part of the
	 * trace is complete. If every such span found its caller, the trace waits for its root
	 * instead.
	 */
	private boolean graceOver(PendingTrace trace, long now) {
		if (!trace.provisional || now - trace.provisionalSinceNanos < this.graceNanos) {
			return false;
		}
		Set<String> spanIds = new HashSet<>();
		for (SpanData span : trace.spans) {
			spanIds.add(span.getSpanId());
		}
		for (SpanData span : trace.spans) {
			SpanContext parent = span.getParentSpanContext();
			if (parent.isValid() && parent.isRemote() && !spanIds.contains(parent.getSpanId())) {
				return true;
			}
		}
		trace.provisional = false;
		return false;
	}

	private void drainLocked(List<List<SpanData>> traces) {
		for (PendingTrace trace : this.pending.values()) {
			traces.add(trace.spans);
		}
		this.pending.clear();
	}

	private static final class PendingTrace {

		private final long firstSeenNanos;

		private final List<SpanData> spans = new ArrayList<>();

		// Set while a span with a remote parent may yet be joined by its caller's spans.
		private boolean provisional;

		private long provisionalSinceNanos;

		PendingTrace(long firstSeenNanos) {
			this.firstSeenNanos = firstSeenNanos;
		}

	}

}
