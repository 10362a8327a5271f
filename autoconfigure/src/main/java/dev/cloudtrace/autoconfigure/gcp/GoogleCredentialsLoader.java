package dev.cloudtrace.autoconfigure.gcp;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import com.google.auth.oauth2.GoogleCredentials;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * Loads Google credentials from a configured key or from Application Default Credentials.
 * <p>
 * Off Google Cloud, Application Default Credentials are looked up by hand in the places
 * google-auth-library would look first (GOOGLE_APPLICATION_CREDENTIALS, then gcloud's
 * well-known file): the library's own lookup ends with a probe of the metadata server,
 * which a laptop or CI run must never make.
 */
public class GoogleCredentialsLoader {

	static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

	private final @Nullable Resource location;

	private final Function<String, @Nullable String> environment;

	private final boolean onGoogleCloud;

	/**
	 * Creates a loader.
	 * @param location the configured key, or {@code null} for Application Default
	 * Credentials
	 * @param environment looks up an environment variable
	 * @param onGoogleCloud whether the process runs on Google Cloud, where the metadata
	 * server may be asked
	 */
	public GoogleCredentialsLoader(@Nullable Resource location, Function<String, @Nullable String> environment,
			boolean onGoogleCloud) {
		this.location = location;
		this.environment = environment;
		this.onGoogleCloud = onGoogleCloud;
	}

	/**
	 * Loads the credentials, scoped for Cloud Trace.
	 * @return the credentials
	 * @throws IOException if no credentials can be found or read; the message never holds
	 * key material
	 */
	public GoogleCredentials load() throws IOException {
		if (this.location != null) {
			try (InputStream in = this.location.getInputStream()) {
				return GoogleCredentials.fromStream(in).createScoped(SCOPES);
			}
			catch (IOException ex) {
				throw new IOException("Could not read credentials from cloudtrace.credentials.location '"
						+ this.location.getDescription() + "': " + ex.getMessage(), ex);
			}
		}
		if (this.onGoogleCloud) {
			return GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
		}
		Path file = applicationDefaultCredentialsFile();
		if (file == null) {
			throw new IOException("No Google credentials found: set GOOGLE_APPLICATION_CREDENTIALS, run "
					+ "'gcloud auth application-default login', or set cloudtrace.credentials.location");
		}
		try (InputStream in = Files.newInputStream(file)) {
			return GoogleCredentials.fromStream(in).createScoped(SCOPES);
		}
	}

	private @Nullable Path applicationDefaultCredentialsFile() {
		String explicit = this.environment.apply("GOOGLE_APPLICATION_CREDENTIALS");
		if (explicit != null && !explicit.isBlank()) {
			return Path.of(explicit);
		}
		Path wellKnown = gcloudConfigDirectory().resolve("application_default_credentials.json");
		return Files.isReadable(wellKnown) ? wellKnown : null;
	}

	private Path gcloudConfigDirectory() {
		String configured = this.environment.apply("CLOUDSDK_CONFIG");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		String appData = this.environment.apply("APPDATA");
		if (File.separatorChar == '\\' && appData != null) {
			return Path.of(appData, "gcloud");
		}
		return Path.of(System.getProperty("user.home", ""), ".config", "gcloud");
	}

}
