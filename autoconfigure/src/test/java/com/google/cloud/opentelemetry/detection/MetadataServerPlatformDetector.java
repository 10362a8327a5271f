package com.google.cloud.opentelemetry.detection;

import java.util.function.Function;

/**
 * Google's platform detector asking a metadata server of the test's choosing, built the way the detector's own
 * tests build it: outside this package its metadata URL is fixed to {@code http://metadata.google.internal}, which
 * a test must never call, and only the package-private constructors of {@link GCPMetadataConfig} and
 * {@link GCPPlatformDetector} take another.
 */
public final class MetadataServerPlatformDetector {

	private MetadataServerPlatformDetector() {
	}

	/**
	 * Creates a detector.
	 * @param metadataUrl the metadata URL, such as {@code http://127.0.0.1:PORT/computeMetadata/v1/}, to which
	 * the detector appends paths like {@code project/project-id}
	 * @param environment looks up an environment variable, as the detector's default reads {@code System.getenv}
	 * @return the detector
	 */
	public static GCPPlatformDetector create(String metadataUrl, Function<String, String> environment) {
		return new GCPPlatformDetector(new GCPMetadataConfig(metadataUrl), environment::apply);
	}

}
