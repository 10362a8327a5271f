package dev.cloudtrace.autoconfigure.export.logging;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
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
 * threads.
 */
public final class TraceTreeSpanExporter implements SpanExporter {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);

	static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

	static final String THREAD_NAME = "cloudtrace-trace-tree";

	static final int DEFAULT_MAX_TRACES = 1000;

	static final int DEFAULT_MAX_SPANS_PER_TRACE = 1000;

	static final int BAR_WIDTH = 40;

	static final char BLOCK = '\u2588';

	static final char ASCII_BLOCK = '#';

	static final String ROOT_MISSING = " [root span not received]";

	private static final int MAX_NAME_COLUMN = 60;

	private static final int MAX_SERVICE_COLUMN = 30;

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final Comparator<SpanData> BY_START = Comparator.comparingLong(SpanData::getStartEpochNanos);

	private final Consumer<String> output;

	private final char block;

	private final LongSupplier nanoTime;

	private final long timeoutNanos;

	private final long graceNanos;

	private final int maxTraces;

	private final int maxSpansPerTrace;

	private final boolean checkInBackground;

	private final Object lock = new Object();

	// Insertion order is first-seen order: the eldest traces are the first to expire.
	private final Map<String, PendingTrace> pending = new LinkedHashMap<>();

	private ScheduledExecutorService checker;

	private boolean shutdown;

	/**
	 * Create an exporter that hands each printed trace, as one multi-line string, to the
	 * given output.
	 * @param output receives one string per trace
	 */
	public TraceTreeSpanExporter(Consumer<String> output) {
		this(output, BLOCK, System::nanoTime, DEFAULT_TIMEOUT, DEFAULT_GRACE, DEFAULT_MAX_TRACES,
				DEFAULT_MAX_SPANS_PER_TRACE, true);
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
		this.block = block;
		this.nanoTime = nanoTime;
		this.timeoutNanos = timeout.toNanos();
		this.graceNanos = grace.toNanos();
		this.maxTraces = maxTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.checkInBackground = checkInBackground;
	}

	/**
	 * Create an exporter that writes each trace at INFO level to the
	 * {@code dev.cloudtrace.autoconfigure.export.logging.TraceTreeSpanExporter} logger.
	 * @return the exporter
	 */
	public static TraceTreeSpanExporter toLog() {
		Log log = LogFactory.getLog(TraceTreeSpanExporter.class);
		return new TraceTreeSpanExporter(log::info, blockFor(consoleCharset()), System::nanoTime, DEFAULT_TIMEOUT,
				DEFAULT_GRACE, DEFAULT_MAX_TRACES, DEFAULT_MAX_SPANS_PER_TRACE, true);
	}

	/**
	 * Return the bar character that the given charset can encode, so that a console that
	 * cannot show block elements gets a readable bar rather than a row of '?'.
	 */
	static char blockFor(Charset charset) {
		return (charset.canEncode() && charset.newEncoder().canEncode(BLOCK)) ? BLOCK : ASCII_BLOCK;
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
		List<String> trees = new ArrayList<>();
		try {
			synchronized (this.lock) {
				if (this.shutdown) {
					return CompletableResultCode.ofFailure();
				}
				startChecker();
				collect(spans, trees);
			}
		}
		catch (RuntimeException ex) {
			// A malformed span must never break the processor's worker thread.
			write(trees);
			return CompletableResultCode.ofFailure();
		}
		return write(trees);
	}

	@Override
	public CompletableResultCode flush() {
		List<String> trees = new ArrayList<>();
		synchronized (this.lock) {
			drain(trees);
		}
		return write(trees);
	}

	@Override
	public CompletableResultCode shutdown() {
		List<String> trees = new ArrayList<>();
		ScheduledExecutorService stopping;
		synchronized (this.lock) {
			this.shutdown = true;
			stopping = this.checker;
			this.checker = null;
			drain(trees);
		}
		if (stopping != null) {
			// Not shutdownNow(): interrupting a check that is writing could break the output.
			stopping.shutdown();
		}
		write(trees);
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Print the traces whose grace period or timeout has passed. Called periodically on
	 * the exporter's own thread, because a {@code BatchSpanProcessor} calls
	 * {@link #export(Collection)} only when it has spans, which may be never again.
	 */
	void printExpired() {
		List<String> trees = new ArrayList<>();
		synchronized (this.lock) {
			if (this.shutdown) {
				return;
			}
			expire(this.nanoTime.getAsLong(), trees);
		}
		write(trees);
	}

	private void startChecker() {
		if (!this.checkInBackground || this.checker != null) {
			return;
		}
		this.checker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			// A development aid must never keep the application from exiting.
			thread.setDaemon(true);
			return thread;
		});
		long interval = CHECK_INTERVAL.toNanos();
		this.checker.scheduleWithFixedDelay(this::printExpiredQuietly, interval, interval, TimeUnit.NANOSECONDS);
	}

	// An exception escaping a periodic task would silently cancel all later checks.
	private void printExpiredQuietly() {
		try {
			printExpired();
		}
		catch (RuntimeException ex) {
			// Nothing useful can be done on this thread; the next check tries again.
		}
	}

	private void collect(Collection<SpanData> spans, List<String> trees) {
		long now = this.nanoTime.getAsLong();
		Set<String> rooted = new LinkedHashSet<>();
		for (SpanData span : spans) {
			String traceId = span.getTraceId();
			PendingTrace trace = this.pending.get(traceId);
			if (trace != null && trace.spans.size() >= this.maxSpansPerTrace) {
				// An oversized trace is printed in parts rather than held without bound.
				this.pending.remove(traceId);
				trees.add(render(trace.spans));
				trace = null;
			}
			if (trace == null) {
				if (this.pending.size() >= this.maxTraces) {
					evictEldest(trees);
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
				trees.add(render(trace.spans));
			}
		}
		expire(now, trees);
	}

	private void evictEldest(List<String> trees) {
		Iterator<PendingTrace> iterator = this.pending.values().iterator();
		PendingTrace eldest = iterator.next();
		iterator.remove();
		trees.add(render(eldest.spans));
	}

	// A full scan: grace periods do not end in first-seen order, and the buffer is bounded.
	private void expire(long now, List<String> trees) {
		Iterator<PendingTrace> iterator = this.pending.values().iterator();
		while (iterator.hasNext()) {
			PendingTrace trace = iterator.next();
			if (now - trace.firstSeenNanos >= this.timeoutNanos || graceOver(trace, now)) {
				iterator.remove();
				trees.add(render(trace.spans));
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

	private void drain(List<String> trees) {
		for (PendingTrace trace : this.pending.values()) {
			trees.add(render(trace.spans));
		}
		this.pending.clear();
	}

	private CompletableResultCode write(List<String> trees) {
		boolean failed = false;
		for (String tree : trees) {
			try {
				this.output.accept(tree);
			}
			catch (RuntimeException ex) {
				failed = true;
			}
		}
		return failed ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
	}

	private static boolean isLocalRoot(SpanData span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	// Whatever the spans hold, a trace that cannot be drawn is reported, not retried forever.
	private String render(List<SpanData> spans) {
		try {
			return format(spans);
		}
		catch (RuntimeException ex) {
			return "Trace " + spans.get(0).getTraceId() + ": " + spans.size() + " spans could not be printed (" + ex
					+ ")";
		}
	}

	private String format(List<SpanData> spans) {
		List<Row> rows = tree(spans);
		long windowStart = Long.MAX_VALUE;
		long windowEnd = Long.MIN_VALUE;
		boolean rooted = false;
		int nameWidth = 0;
		int serviceWidth = 0;
		int kindWidth = 0;
		int durationWidth = 0;
		for (Row row : rows) {
			windowStart = Math.min(windowStart, row.span.getStartEpochNanos());
			windowEnd = Math.max(windowEnd, row.span.getEndEpochNanos());
			// A remote-parent span nested under its caller does not make up for a missing root.
			rooted |= row.depth == 0 && isLocalRoot(row.span);
			nameWidth = Math.max(nameWidth, row.label.length());
			serviceWidth = Math.max(serviceWidth, row.service.length());
			kindWidth = Math.max(kindWidth, row.kind.length());
			durationWidth = Math.max(durationWidth, row.duration.length());
		}
		long window = windowEnd - windowStart;
		String newline = System.lineSeparator();
		StringBuilder text = new StringBuilder();
		text.append("Trace ")
			.append(rows.get(0).span.getTraceId())
			.append(" (")
			.append(rows.get(0).service)
			.append(") ")
			.append(millis(window));
		if (!rooted) {
			text.append(ROOT_MISSING);
		}
		for (Row row : rows) {
			text.append(newline);
			pad(text, row.label, nameWidth);
			text.append("  ");
			pad(text, row.service, serviceWidth);
			text.append("  ");
			pad(text, row.kind, kindWidth);
			text.append("  ");
			pad(text, "", durationWidth - row.duration.length());
			text.append(row.duration).append(" |");
			bar(text, row.span, windowStart, window);
			text.append('|');
			if (row.span.getStatus().getStatusCode() == StatusCode.ERROR) {
				text.append(" ERROR");
				String description = row.span.getStatus().getDescription();
				if (!description.isEmpty()) {
					text.append(' ').append(sanitize(description));
				}
			}
		}
		return text.toString();
	}

	private static List<Row> tree(List<SpanData> spans) {
		Map<String, SpanData> byId = new HashMap<>();
		for (SpanData span : spans) {
			byId.putIfAbsent(span.getSpanId(), span);
		}
		Map<String, List<SpanData>> children = new HashMap<>();
		List<SpanData> tops = new ArrayList<>();
		for (SpanData span : byId.values()) {
			String parentId = span.getParentSpanId();
			if (span.getParentSpanContext().isValid() && byId.containsKey(parentId)
					&& !parentId.equals(span.getSpanId())) {
				children.computeIfAbsent(parentId, (id) -> new ArrayList<>()).add(span);
			}
			else {
				tops.add(span);
			}
		}
		List<Row> rows = new ArrayList<>(byId.size());
		// Iterative depth-first walk: a deep trace must not overflow the exporter thread's stack.
		Deque<Row> stack = new ArrayDeque<>();
		pushSorted(stack, tops, 0);
		while (!stack.isEmpty()) {
			Row row = stack.pop();
			rows.add(row);
			pushSorted(stack, children.getOrDefault(row.span.getSpanId(), List.of()), row.depth + 1);
		}
		return rows;
	}

	private static void pushSorted(Deque<Row> stack, List<SpanData> spans, int depth) {
		List<SpanData> sorted = new ArrayList<>(spans);
		sorted.sort(BY_START.reversed());
		for (SpanData span : sorted) {
			stack.push(new Row(span, depth));
		}
	}

	private void bar(StringBuilder text, SpanData span, long windowStart, long window) {
		int offset = 0;
		int length = 1;
		if (window > 0) {
			offset = cell(span.getStartEpochNanos() - windowStart, window);
			int end = cell(span.getEndEpochNanos() - windowStart, window);
			offset = Math.min(offset, BAR_WIDTH - 1);
			length = Math.max(1, end - offset);
		}
		pad(text, "", offset);
		for (int i = 0; i < length; i++) {
			text.append(this.block);
		}
		pad(text, "", BAR_WIDTH - offset - length);
	}

	private static int cell(long nanos, long window) {
		return (int) Math.round((double) nanos * BAR_WIDTH / window);
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
	}

	private static void pad(StringBuilder text, String value, int width) {
		text.append(value);
		for (int i = value.length(); i < width; i++) {
			text.append(' ');
		}
	}

	private static String truncate(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max - 3) + "...";
	}

	// Line breaks or escape sequences in a span name would break the tree (or the terminal).
	private static String sanitize(String value) {
		StringBuilder clean = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			clean.append(Character.isISOControl(c) ? ' ' : c);
		}
		return clean.toString();
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

	private static final class Row {

		private final SpanData span;

		private final int depth;

		private final String label;

		private final String service;

		private final String kind;

		private final String duration;

		Row(SpanData span, int depth) {
			this.span = span;
			this.depth = depth;
			this.label = truncate("  ".repeat(depth + 1) + sanitize(span.getName()), MAX_NAME_COLUMN);
			String serviceName = span.getResource().getAttribute(SERVICE_NAME);
			this.service = truncate(sanitize((serviceName != null) ? serviceName : "-"), MAX_SERVICE_COLUMN);
			this.kind = span.getKind().name();
			this.duration = millis(span.getEndEpochNanos() - span.getStartEpochNanos());
		}

	}

}
