package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Cheap, local-only hint that the process runs on Google Cloud: environment variables set
 * by Cloud Run, App Engine and Cloud Functions, or the DMI product name of a Compute Engine
 * VM (which GKE nodes are). It never touches the network, so laptops and CI runs never wait
 * on a metadata server that is not there.
 */
public final class GoogleCloudPlatformHint {

	static final Path DMI_PRODUCT_NAME = Path.of("/sys/class/dmi/id/product_name");

	private static final List<String> SERVERLESS_VARIABLES = List.of("K_SERVICE", "GAE_SERVICE", "FUNCTION_TARGET",
			"CLOUD_RUN_JOB");

	private GoogleCloudPlatformHint() {
	}

	/**
	 * Returns whether local hints say this process runs on Google Cloud.
	 * @param environment looks up an environment variable
	 * @return whether a hint was found
	 */
	public static boolean isOnGoogleCloud(Function<String, @Nullable String> environment) {
		return isOnGoogleCloud(environment, DMI_PRODUCT_NAME);
	}

	static boolean isOnGoogleCloud(Function<String, @Nullable String> environment, Path dmiProductName) {
		for (String variable : SERVERLESS_VARIABLES) {
			String value = environment.apply(variable);
			if (value != null && !value.isBlank()) {
				return true;
			}
		}
		return isComputeEngine(dmiProductName);
	}

	private static boolean isComputeEngine(Path dmiProductName) {
		try {
			return Files.isReadable(dmiProductName)
					&& Files.readString(dmiProductName, StandardCharsets.UTF_8).contains("Google Compute Engine");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
