package dev.cloudtrace.autoconfigure.gcp;

import java.util.function.Supplier;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The Google Cloud platform this process runs on, as far as it was asked to find out: the
 * detected platform attributes (cloud provider, platform, region, project, instance) are
 * computed once, on first use.
 */
public class GoogleCloudPlatform {

	private static final Log logger = LogFactory.getLog(GoogleCloudPlatform.class);

	private final boolean onGoogleCloud;

	private final boolean detect;

	private final Supplier<Attributes> detector;

	private volatile @Nullable Resource resource;

	/**
	 * Creates a platform description.
	 * @param onGoogleCloud whether local hints say the process runs on Google Cloud
	 * @param detect whether to run the (possibly remote) platform detector
	 * @param detector the detector, asked at most once
	 */
	public GoogleCloudPlatform(boolean onGoogleCloud, boolean detect, Supplier<Attributes> detector) {
		this.onGoogleCloud = onGoogleCloud;
		this.detect = detect;
		this.detector = detector;
	}

	/**
	 * Returns whether local hints say the process runs on Google Cloud.
	 * @return whether the process runs on Google Cloud
	 */
	public boolean isOnGoogleCloud() {
		return this.onGoogleCloud;
	}

	/**
	 * Returns the detected platform attributes as a resource, empty when detection is off
	 * or found nothing.
	 * @return the platform resource
	 */
	public Resource getResource() {
		Resource detected = this.resource;
		if (detected == null) {
			synchronized (this) {
				detected = this.resource;
				if (detected == null) {
					detected = detect();
					this.resource = detected;
				}
			}
		}
		return detected;
	}

	private Resource detect() {
		if (!this.detect) {
			return Resource.empty();
		}
		try {
			return Resource.create(this.detector.get());
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Google Cloud platform detection failed; continuing without platform attributes: " + ex);
			return Resource.empty();
		}
	}

}
