package dev.cloudtrace.autoconfigure.gcp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of Google Cloud platform detection. They sit under
 * {@code cloudtrace.resource} because the detected platform becomes attributes of the
 * resource that describes the service.
 */
@ConfigurationProperties("cloudtrace.resource")
public class PlatformDetectionProperties {

	/**
	 * Whether to detect the Google Cloud platform (GCE, GKE, Cloud Run, App Engine, Cloud
	 * Functions) and add its attributes. 'auto' detects only when a cheap local hint says
	 * the process runs on Google Cloud, so laptops never wait on a metadata server.
	 */
	private GcpDetection detectGcp = GcpDetection.AUTO;

	public GcpDetection getDetectGcp() {
		return this.detectGcp;
	}

	public void setDetectGcp(GcpDetection detectGcp) {
		this.detectGcp = detectGcp;
	}

	/**
	 * When to run Google Cloud platform detection.
	 */
	public enum GcpDetection {

		/**
		 * Detect only when a local hint (environment variables of Cloud Run, App Engine or
		 * Cloud Functions, or the DMI product name of Compute Engine) says Google Cloud.
		 */
		AUTO,

		/**
		 * Always detect (may query the metadata server).
		 */
		TRUE,

		/**
		 * Never detect.
		 */
		FALSE

	}

}
