package dev.cloudtrace.autoconfigure.gcp;

import java.util.function.Function;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Resolves the project id: the property, then GOOGLE_CLOUD_PROJECT, then the project of the
 * credentials, then (on Google Cloud only) the project the platform detector found through
 * the metadata server.
 */
public final class GoogleCloudProjectResolver {

	private static final AttributeKey<String> CLOUD_ACCOUNT_ID = AttributeKey.stringKey("cloud.account.id");

	private GoogleCloudProjectResolver() {
	}

	/**
	 * Resolves the project.
	 * @param configured the value of {@code cloudtrace.project-id}, may be {@code null}
	 * @param environment looks up an environment variable
	 * @param credentialsProjectId supplies the project of the credentials (or {@code null}),
	 * may itself be {@code null} when credentials are not in use
	 * @param platform the detected platform
	 * @return the project, with a {@code null} id when none was found
	 */
	public static GoogleCloudProject resolve(@Nullable String configured,
			Function<String, @Nullable String> environment, @Nullable Supplier<@Nullable String> credentialsProjectId,
			GoogleCloudPlatform platform) {
		if (StringUtils.hasText(configured)) {
			return new GoogleCloudProject(configured.trim(), "cloudtrace.project-id");
		}
		String fromEnvironment = environment.apply("GOOGLE_CLOUD_PROJECT");
		if (StringUtils.hasText(fromEnvironment)) {
			return new GoogleCloudProject(fromEnvironment.trim(), "GOOGLE_CLOUD_PROJECT");
		}
		String fromCredentials = (credentialsProjectId != null) ? credentialsProjectId.get() : null;
		if (StringUtils.hasText(fromCredentials)) {
			return new GoogleCloudProject(fromCredentials, "credentials");
		}
		if (platform.isOnGoogleCloud()) {
			String detected = platform.getResource().getAttribute(CLOUD_ACCOUNT_ID);
			if (StringUtils.hasText(detected)) {
				return new GoogleCloudProject(detected, "metadata server");
			}
		}
		return new GoogleCloudProject(null, "none");
	}

}
