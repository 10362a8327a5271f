package dev.cloudtrace.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Top-level Cloud Trace properties: the switch for the whole starter and the Google Cloud
 * project that receives the spans.
 */
@ConfigurationProperties("cloudtrace")
public class CloudTraceProperties {

	/**
	 * Whether tracing is enabled. When false, the application gets a no-op OpenTelemetry
	 * and nothing else.
	 */
	private boolean enabled = true;

	/**
	 * Google Cloud project that receives the spans. Defaults to the GOOGLE_CLOUD_PROJECT
	 * environment variable, then the project of the credentials, then (on Google Cloud
	 * only) the metadata server.
	 */
	private @Nullable String projectId;

	/**
	 * Whether to register the OpenTelemetry instance as the global one
	 * (GlobalOpenTelemetry), for libraries that look it up there.
	 */
	private boolean registerGlobal = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getProjectId() {
		return this.projectId;
	}

	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	public boolean isRegisterGlobal() {
		return this.registerGlobal;
	}

	public void setRegisterGlobal(boolean registerGlobal) {
		this.registerGlobal = registerGlobal;
	}

}
