package com.example.compat;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draws received spans as one tree per trace, children under their parent by span id:
 * <pre>
 * SERVER GET /front
 *   CLIENT GET
 *     SERVER GET /back
 *       INTERNAL do_work
 * </pre>
 * Comparing drawings checks the names, the kinds and every parent link at once, and a failed
 * comparison shows what did arrive.
 */
final class SpanTrees {

	private SpanTrees() {
	}

	/** One drawing per trace, the traces in the order of their first span's start. */
	static List<String> of(Collection<ReceivedSpan> spans) {
		Map<String, List<ReceivedSpan>> byTrace = spans.stream()
			.sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
			.collect(Collectors.groupingBy(ReceivedSpan::traceId, LinkedHashMap::new, Collectors.toList()));
		return byTrace.values().stream().map(SpanTrees::draw).toList();
	}

	// A span whose parent did not arrive (or lives in the caller) is drawn as a root.
	private static String draw(List<ReceivedSpan> trace) {
		Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
		StringBuilder drawing = new StringBuilder();
		trace.stream()
			.filter((span) -> !ids.contains(span.parentSpanId()))
			.forEach((root) -> draw(root, trace, 0, drawing));
		return drawing.toString().stripTrailing();
	}

	private static void draw(ReceivedSpan span, List<ReceivedSpan> trace, int depth, StringBuilder drawing) {
		drawing.append("  ".repeat(depth)).append(span.kind()).append(' ').append(span.name()).append('\n');
		trace.stream()
			.filter((child) -> child.parentSpanId().equals(span.spanId()))
			.forEach((child) -> draw(child, trace, depth + 1, drawing));
	}

}
