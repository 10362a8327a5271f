package dev.cloudtrace.autoconfigure.export.logging;

import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Draws the spans of one trace as an indented tree with a timeline bar per span, in
 * aligned columns: name, service, kind, duration, bar, and the status of failed spans.
 */
final class TraceTreeRenderer {

	static final int BAR_WIDTH = 40;

	static final char BLOCK = '\u2588';

	static final char ASCII_BLOCK = '#';

	static final String ROOT_MISSING = " [root span not received]";

	private static final int MAX_NAME_COLUMN = 60;

	private static final int MAX_SERVICE_COLUMN = 30;

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final Comparator<SpanData> BY_START = Comparator.comparingLong(SpanData::getStartEpochNanos);

	private final char block;

	/**
	 * Create a renderer.
	 * @param block the character that bars are drawn with
	 */
	TraceTreeRenderer(char block) {
		this.block = block;
	}

	/**
	 * Return the bar character that the given charset can encode, so that a console that
	 * cannot show block elements gets a readable bar rather than a row of '?'.
	 */
	static char blockFor(Charset charset) {
		return (charset.canEncode() && charset.newEncoder().canEncode(BLOCK)) ? BLOCK : ASCII_BLOCK;
	}

	private static boolean isLocalRoot(SpanData span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	/**
	 * Draws one trace. Whatever the spans hold, a trace that cannot be drawn is reported in
	 * one line, not retried forever.
	 * @param spans the spans of one trace, at least one
	 * @return the tree, its lines separated by the platform's line separator
	 */
	String render(List<SpanData> spans) {
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
			stack.push(Row.of(span, depth));
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

	private record Row(SpanData span, int depth, String label, String service, String kind, String duration) {

		static Row of(SpanData span, int depth) {
			String serviceName = span.getResource().getAttribute(SERVICE_NAME);
			return new Row(span, depth, truncate("  ".repeat(depth + 1) + sanitize(span.getName()), MAX_NAME_COLUMN),
					truncate(sanitize((serviceName != null) ? serviceName : "-"), MAX_SERVICE_COLUMN),
					span.getKind().name(), millis(span.getEndEpochNanos() - span.getStartEpochNanos()));
		}

	}

}
