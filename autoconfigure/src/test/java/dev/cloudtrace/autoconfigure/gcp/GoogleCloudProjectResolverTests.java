package dev.cloudtrace.autoconfigure.gcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoogleCloudProjectResolver}.
 */
class GoogleCloudProjectResolverTests {

	private static final Attributes DETECTED = Attributes.of(AttributeKey.stringKey("cloud.account.id"), "detected");

	private static final Map<String, String> NO_ENVIRONMENT = Map.of();

	@Test
	void propertyComesFirst() {
		GoogleCloudProject project = GoogleCloudProjectResolver.resolve(" configured ",
				Map.of("GOOGLE_CLOUD_PROJECT", "env")::get, () -> "credentials", onGoogleCloud());
		assertThat(project).isEqualTo(new GoogleCloudProject("configured", "cloudtrace.project-id"));
	}

	@Test
	void thenTheEnvironmentVariable() {
		assertThat(GoogleCloudProjectResolver
			.resolve(null, Map.of("GOOGLE_CLOUD_PROJECT", "env")::get, () -> "credentials", onGoogleCloud())
			.id()).isEqualTo("env");
	}

	@Test
	void thenTheCredentials() {
		assertThat(GoogleCloudProjectResolver.resolve(null, NO_ENVIRONMENT::get, () -> "credentials", onGoogleCloud())
			.id()).isEqualTo("credentials");
	}

	@Test
	void thenTheMetadataServerButOnlyOnGoogleCloud() {
		assertThat(GoogleCloudProjectResolver.resolve(null, NO_ENVIRONMENT::get, () -> null, onGoogleCloud()).id())
			.isEqualTo("detected");
		AtomicInteger detections = new AtomicInteger();
		GoogleCloudPlatform laptop = new GoogleCloudPlatform(false, true, () -> {
			detections.incrementAndGet();
			return DETECTED;
		});
		assertThat(GoogleCloudProjectResolver.resolve(null, NO_ENVIRONMENT::get, null, laptop).projectId()).isEmpty();
		assertThat(detections).hasValue(0);
	}

	private static GoogleCloudPlatform onGoogleCloud() {
		return new GoogleCloudPlatform(true, true, () -> DETECTED);
	}

}
