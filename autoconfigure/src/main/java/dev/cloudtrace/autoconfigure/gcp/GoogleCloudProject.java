package dev.cloudtrace.autoconfigure.gcp;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The Google Cloud project that receives the spans, and where its id came from.
 *
 * @param id the project id, or {@code null} when none could be found
 * @param source where the id came from ({@code cloudtrace.project-id},
 * {@code GOOGLE_CLOUD_PROJECT}, {@code credentials}, {@code metadata server} or
 * {@code none}), logged at DEBUG level when the project is resolved
 */
public record GoogleCloudProject(@Nullable String id, String source) {

	/**
	 * Returns the project id, if one was found.
	 * @return the project id
	 */
	public Optional<String> projectId() {
		return Optional.ofNullable(this.id);
	}

}
