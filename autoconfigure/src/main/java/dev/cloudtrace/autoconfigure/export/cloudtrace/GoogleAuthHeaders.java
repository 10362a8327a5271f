package dev.cloudtrace.autoconfigure.export.cloudtrace;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The headers of a request to the Telemetry API: {@code x-goog-user-project} and, when
 * credentials are in use, {@code Authorization}. The access token is refreshed by
 * {@link #refresh()} on the exporter's own thread, never on a request thread; the exporter's
 * sender reads the latest headers through {@link #get()}.
 */
public class GoogleAuthHeaders implements Supplier<Map<String, String>> {

	private static final Log logger = LogFactory.getLog(GoogleAuthHeaders.class);

	private final String projectId;

	private final CachingGoogleCredentials credentials;

	private final URI uri;

	private volatile Map<String, String> headers;

	private boolean failing;

	/**
	 * Creates the headers.
	 * @param projectId the project billed for the requests
	 * @param credentials the credentials, or {@code null} to send no Authorization header
	 * @param uri the endpoint called
	 */
	public GoogleAuthHeaders(String projectId, CachingGoogleCredentials credentials, URI uri) {
		this.projectId = projectId;
		this.credentials = credentials;
		this.uri = uri;
		this.headers = Map.of("x-goog-user-project", projectId);
	}

	/**
	 * Brings the headers up to date, refreshing the access token when it is close to
	 * expiry. A failure is logged once until the next success; the message never holds a
	 * token.
	 * @return whether the headers can authenticate a request
	 */
	public synchronized boolean refresh() {
		if (this.credentials == null) {
			return true;
		}
		try {
			Map<String, List<String>> metadata = this.credentials.requestMetadata(this.uri);
			Map<String, String> updated = new LinkedHashMap<>();
			updated.put("x-goog-user-project", this.projectId);
			metadata.forEach((name, values) -> {
				if (!values.isEmpty()) {
					updated.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values));
				}
			});
			this.headers = Map.copyOf(updated);
			if (this.failing) {
				logger.info("Google access token for Cloud Trace refreshed; export resumes");
				this.failing = false;
			}
			return true;
		}
		catch (IOException | RuntimeException ex) {
			if (!this.failing) {
				logger.warn("Could not get a Google access token for Cloud Trace; spans are dropped until one is "
						+ "available: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
				this.failing = true;
			}
			return false;
		}
	}

	@Override
	public Map<String, String> get() {
		return this.headers;
	}

}
