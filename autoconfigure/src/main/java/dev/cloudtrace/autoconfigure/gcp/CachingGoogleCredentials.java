package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.google.auth.oauth2.GoogleCredentials;
import dev.cloudtrace.autoconfigure.Secrets;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Loads Google credentials once and keeps them; a failed load is tried again after a
 * pause, so a credential that appears later (a mounted secret, a fixed key file) is picked
 * up without a restart, and tracing never silently turns into a no-op.
 * <p>
 * A failure is not logged here: it fails the export that needed the credentials, with a
 * message that says what is wrong, and the exporter reports it once per failure episode.
 */
public class CachingGoogleCredentials {

	private static final Log logger = LogFactory.getLog(CachingGoogleCredentials.class);

	private final GoogleCredentialsLoader loader;

	private final long retryIntervalNanos;

	private final LongSupplier nanoTime;

	private @Nullable GoogleCredentials credentials;

	private @Nullable IOException lastFailure;

	private long nextAttemptNanos;

	/**
	 * Creates an instance that retries a failed load after {@code retryInterval}.
	 * @param loader the loader
	 * @param retryInterval the pause after a failed load
	 */
	public CachingGoogleCredentials(GoogleCredentialsLoader loader, Duration retryInterval) {
		this(loader, retryInterval, System::nanoTime);
	}

	CachingGoogleCredentials(GoogleCredentialsLoader loader, Duration retryInterval, LongSupplier nanoTime) {
		this.loader = loader;
		this.retryIntervalNanos = retryInterval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Returns the credentials, loading them if needed.
	 * @return the credentials
	 * @throws IOException if they could not be loaded (now or during the last attempt,
	 * when the retry pause has not passed yet); the message says why and never holds key
	 * material
	 */
	public synchronized GoogleCredentials get() throws IOException {
		if (this.credentials != null) {
			return this.credentials;
		}
		long now = this.nanoTime.getAsLong();
		if (this.lastFailure != null && now - this.nextAttemptNanos < 0) {
			throw this.lastFailure;
		}
		try {
			this.credentials = this.loader.load();
			if (this.lastFailure != null) {
				logger.debug("Google credentials for Cloud Trace are now available");
			}
			this.lastFailure = null;
			return this.credentials;
		}
		catch (IOException | RuntimeException ex) {
			this.lastFailure = new IOException("Google credentials for Cloud Trace are not available (retried every "
					+ describe(this.retryIntervalNanos) + "): " + Secrets.redact(ex.getMessage()));
			this.nextAttemptNanos = now + this.retryIntervalNanos;
			logger.debug(this.lastFailure.getMessage());
			throw this.lastFailure;
		}
	}

	private static String describe(long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		return (duration.toMillis() < 1000) ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
	}

	/**
	 * Returns the request headers that authenticate a call to {@code uri}, refreshing the
	 * access token when it is close to expiry.
	 * @param uri the endpoint called
	 * @return the headers, e.g. {@code Authorization: Bearer ...}
	 * @throws IOException if the credentials or a fresh token cannot be had
	 */
	public Map<String, List<String>> requestMetadata(URI uri) throws IOException {
		return get().getRequestMetadata(uri);
	}

	/**
	 * Returns the project the credentials belong to, or {@code null} if there is none or
	 * the credentials cannot be loaded. A failure here is not reported: finding the
	 * project is only a fallback, and an application that exports elsewhere needs no
	 * credentials at all.
	 * @return the project id
	 */
	public @Nullable String projectId() {
		GoogleCredentials loaded;
		synchronized (this) {
			loaded = this.credentials;
		}
		if (loaded == null) {
			try {
				loaded = this.loader.load();
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
			synchronized (this) {
				if (this.credentials == null) {
					this.credentials = loaded;
				}
			}
		}
		String projectId = loaded.getProjectId();
		return (projectId != null) ? projectId : loaded.getQuotaProjectId();
	}

}
