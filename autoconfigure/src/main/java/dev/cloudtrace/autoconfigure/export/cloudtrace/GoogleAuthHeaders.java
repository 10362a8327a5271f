package dev.cloudtrace.autoconfigure.export.cloudtrace;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.google.auth.oauth2.GoogleCredentials;
import dev.cloudtrace.autoconfigure.Secrets;
import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import org.jspecify.annotations.Nullable;

/**
 * The headers of a request to the Telemetry API: {@code x-goog-user-project} and, when
 * credentials are in use, {@code Authorization}. The access token is refreshed by
 * {@link #refresh()} on the exporter's own thread, never on a request thread; the exporter's
 * sender reads the latest headers through {@link #get()}.
 */
public class GoogleAuthHeaders implements Supplier<Map<String, String>> {

	private final String projectId;

	private final @Nullable CachingGoogleCredentials credentials;

	private final URI uri;

	private volatile Map<String, String> headers;

	/**
	 * Creates the headers.
	 * @param projectId the project billed for the requests
	 * @param credentials the credentials, or {@code null} to send no Authorization header
	 * @param uri the endpoint called
	 */
	public GoogleAuthHeaders(String projectId, @Nullable CachingGoogleCredentials credentials, URI uri) {
		this.projectId = projectId;
		this.credentials = credentials;
		this.uri = uri;
		this.headers = Map.of("x-goog-user-project", projectId);
	}

	/**
	 * Brings the headers up to date, refreshing the access token when it is close to
	 * expiry. Nothing is logged here: the export that needed the token fails with the
	 * returned reason, and the exporter reports it once per failure episode.
	 * @throws IOException if no token can be had; the message says why and never holds a
	 * token or key
	 */
	public synchronized void refresh() throws IOException {
		if (this.credentials == null) {
			return;
		}
		GoogleCredentials loaded = this.credentials.get();
		Map<String, List<String>> metadata;
		try {
			metadata = loaded.getRequestMetadata(this.uri);
		}
		catch (IOException | RuntimeException ex) {
			throw new IOException("Could not get a Google access token for Cloud Trace: "
					+ Secrets.redact(ex.getMessage()));
		}
		Map<String, String> updated = new LinkedHashMap<>();
		updated.put("x-goog-user-project", this.projectId);
		metadata.forEach((name, values) -> {
			if (!values.isEmpty()) {
				updated.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
			}
		});
		this.headers = Map.copyOf(updated);
	}

	@Override
	public Map<String, String> get() {
		return this.headers;
	}

}
