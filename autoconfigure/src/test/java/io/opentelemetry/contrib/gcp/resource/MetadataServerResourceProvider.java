package io.opentelemetry.contrib.gcp.resource;

import java.util.function.Function;
import java.util.function.Supplier;

import com.google.cloud.opentelemetry.detection.MetadataServerPlatformDetector;
import io.opentelemetry.api.common.Attributes;

/**
 * OpenTelemetry's {@link GCPResourceProvider} on a Google platform detector that asks a metadata server of the
 * test's choosing, through the provider's package-private constructor (as the provider's own tests give it a
 * detector). Its {@link GCPResourceProvider#getAttributes()} maps what the detector found to resource attributes
 * exactly as the starter's default detector, {@code new GCPResourceProvider().getAttributes()}, does.
 */
public final class MetadataServerResourceProvider {

	private MetadataServerResourceProvider() {
	}

	/**
	 * Returns a detector for {@code dev.cloudtrace.autoconfigure.gcp.GoogleCloudPlatform}.
	 * @param metadataUrl the metadata URL, such as {@code http://127.0.0.1:PORT/computeMetadata/v1/}
	 * @param environment looks up an environment variable
	 * @return the platform attributes, detected anew on each call
	 */
	public static Supplier<Attributes> detector(String metadataUrl, Function<String, String> environment) {
		return () -> new GCPResourceProvider(MetadataServerPlatformDetector.create(metadataUrl, environment))
			.getAttributes();
	}

}
