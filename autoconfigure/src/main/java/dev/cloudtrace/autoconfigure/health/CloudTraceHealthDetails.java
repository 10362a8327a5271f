package dev.cloudtrace.autoconfigure.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;
import dev.cloudtrace.autoconfigure.sdk.SpanExporterState;
import org.jspecify.annotations.Nullable;

/**
 * The details of the {@code cloudTrace} health contributor, the same on every Spring Boot
 * line: one entry per exporter with its state ({@code exporting}, {@code failing}, or
 * {@code idle} before its first export), when an export last succeeded, the current failure
 * episode (since when, why, failed exports, spans dropped in it), its queue and its counts.
 * <p>
 * The status stays {@code UP} whatever the exporters do: tracing is a side channel, and a
 * status that Spring Boot aggregates into the application's health could get a pod
 * restarted or taken out of a load balancer for a backend it cannot fix. Failures show in the
 * details and in the {@code cloudtrace.*} meters.
 */
public final class CloudTraceHealthDetails {

	private CloudTraceHealthDetails() {
	}

	/**
	 * Reads the details.
	 * @param statistics the counts of the export pipeline
	 * @return the details, {@code exporters} mapped to one entry per exporter
	 */
	public static Map<String, Object> of(SpanExportStatistics statistics) {
		Map<String, Object> exporters = new LinkedHashMap<>();
		for (SpanExporterState exporter : statistics.exporters()) {
			exporters.put(exporter.name(), describe(exporter));
		}
		return Map.of("exporters", exporters);
	}

	private static Map<String, Object> describe(SpanExporterState exporter) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", state(exporter));
		putIfPresent(details, "lastSuccessfulExport", exporter.lastSuccessfulExport());
		if (exporter.isFailing()) {
			Map<String, Object> episode = new LinkedHashMap<>();
			episode.put("since", exporter.failingSince().toString());
			episode.put("reason", exporter.failureReason());
			episode.put("failedExports", exporter.failedExportsInEpisode());
			episode.put("droppedSpans", exporter.droppedSpansInEpisode());
			details.put("failure", episode);
		}
		else if (exporter.droppedSpansInEpisode() > 0) {
			details.put("queueFull", Map.of("droppedSpans", exporter.droppedSpansInEpisode()));
		}
		Map<String, Object> queue = new LinkedHashMap<>();
		queue.put("size", exporter.queuedSpans());
		queue.put("capacity", exporter.queueCapacity());
		details.put("queue", queue);
		Map<String, Object> spans = new LinkedHashMap<>();
		spans.put("exported", exporter.exportedSpans());
		spans.put("failed", exporter.failedSpans());
		spans.put("dropped", exporter.droppedSpans());
		details.put("spans", spans);
		return details;
	}

	private static String state(SpanExporterState exporter) {
		if (exporter.isFailing()) {
			return "failing";
		}
		return (exporter.lastSuccessfulExport() != null) ? "exporting" : "idle";
	}

	private static void putIfPresent(Map<String, Object> details, String key, @Nullable Instant instant) {
		if (instant != null) {
			details.put(key, instant.toString());
		}
	}

}
