package dev.cloudtrace.autoconfigure.sdk;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one exporter of the starter is doing, read at one moment: whether exports fail now
 * and since when, the counts of its pipeline, and its queue.
 *
 * @param name the exporter's bean name, as in the {@code exporter} tag of the meters
 * @param lastSuccessfulExport when an export last succeeded, or {@code null} if none has yet
 * @param failingSince when the current failure episode started, or {@code null} if exports
 * work (or none has been tried)
 * @param failureReason why the first export of the current episode failed, one line without
 * credentials, or {@code null}
 * @param failedExportsInEpisode exports that failed in the current episode
 * @param droppedSpansInEpisode spans dropped because the queue was full, since the failure
 * episode started (or in the current episode of a full queue, when exports work)
 * @param queuedSpans spans waiting in the queue now
 * @param queueCapacity the configured size of the queue
 * @param exportedSpans spans exported so far
 * @param failedSpans spans lost in failed exports so far
 * @param droppedSpans spans dropped so far because the queue was full
 */
public record SpanExporterState(String name, @Nullable Instant lastSuccessfulExport,
		@Nullable Instant failingSince, @Nullable String failureReason, long failedExportsInEpisode,
		long droppedSpansInEpisode, long queuedSpans,
		int queueCapacity, long exportedSpans, long failedSpans, long droppedSpans) {

	/**
	 * Whether the exporter is in a failure episode: its last export failed.
	 * @return {@code true} while exports fail
	 */
	public boolean isFailing() {
		return this.failingSince != null;
	}

}
