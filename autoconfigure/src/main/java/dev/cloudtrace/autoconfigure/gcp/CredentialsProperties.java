package dev.cloudtrace.autoconfigure.gcp;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Properties of the Google credentials used to export spans to Cloud Trace.
 */
@ConfigurationProperties("cloudtrace.credentials")
public class CredentialsProperties {

	/**
	 * Whether to authenticate export requests. When false, no Authorization header is sent
	 * (local fakes, emulators, collectors).
	 */
	private boolean enabled = true;

	/**
	 * Location of a service account or user credentials JSON key, e.g.
	 * 'file:/secrets/key.json'. Defaults to Application Default Credentials.
	 */
	private @Nullable Resource location;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Resource getLocation() {
		return this.location;
	}

	public void setLocation(@Nullable Resource location) {
		this.location = location;
	}

}
