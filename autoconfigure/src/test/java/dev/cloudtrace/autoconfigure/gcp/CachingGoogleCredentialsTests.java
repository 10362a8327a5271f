package dev.cloudtrace.autoconfigure.gcp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.cloudtrace.autoconfigure.testsupport.FakeOAuthTokenServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link CachingGoogleCredentials}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CachingGoogleCredentialsTests {

	@TempDir
	Path directory;

	@Test
	void missingCredentialsFailWithTheReasonAndAreRetriedAfterThePause(CapturedOutput output) throws Exception {
		Map<String, String> environment = new HashMap<>(Map.of("CLOUDSDK_CONFIG", this.directory.toString()));
		AtomicLong now = new AtomicLong();
		CachingGoogleCredentials credentials = new CachingGoogleCredentials(
				new GoogleCredentialsLoader(null, environment::get, false), Duration.ofSeconds(30), now::get);
		assertThatIOException().isThrownBy(credentials::get)
			.withMessage("Google credentials for Cloud Trace are not available (retried every 30s): No Google "
					+ "credentials found: set GOOGLE_APPLICATION_CREDENTIALS, run 'gcloud auth application-default "
					+ "login', or set cloudtrace.credentials.location");
		assertThatIOException().isThrownBy(credentials::get).withMessageContaining("No Google credentials found");
		try (FakeOAuthTokenServer tokens = new FakeOAuthTokenServer()) {
			environment.put("GOOGLE_APPLICATION_CREDENTIALS", tokens.writeKeyFile(this.directory).toString());
			assertThatIOException().as("still within the pause").isThrownBy(credentials::get);
			now.addAndGet(Duration.ofSeconds(31).toNanos());
			assertThat(credentials.get()).isNotNull();
			assertThat(credentials.projectId()).isEqualTo(tokens.keys().projectId());
		}
		// The export that needed them reports the failure, once per episode.
		assertThat(output).doesNotContain("Google credentials");
	}

	@Test
	void retryPauseBelowOneSecondIsShownInMilliseconds() {
		Map<String, String> environment = Map.of("CLOUDSDK_CONFIG", this.directory.toString());
		CachingGoogleCredentials credentials = new CachingGoogleCredentials(
				new GoogleCredentialsLoader(null, environment::get, false), Duration.ofMillis(200));
		assertThatIOException().isThrownBy(credentials::get).withMessageContaining("(retried every 200ms)");
	}

	@Test
	void projectLookupWithoutCredentialsStaysQuiet(CapturedOutput output) {
		Map<String, String> environment = Map.of("CLOUDSDK_CONFIG", this.directory.toString());
		CachingGoogleCredentials credentials = new CachingGoogleCredentials(
				new GoogleCredentialsLoader(null, environment::get, false), Duration.ofSeconds(30));
		assertThat(credentials.projectId()).isNull();
		assertThat(output).doesNotContain("Google credentials");
	}

	@Test
	void requestMetadataCarriesBearerTokenFromTokenEndpoint() throws Exception {
		try (FakeOAuthTokenServer tokens = new FakeOAuthTokenServer()) {
			Path key = tokens.writeKeyFile(this.directory);
			CachingGoogleCredentials credentials = new CachingGoogleCredentials(
					new GoogleCredentialsLoader(new FileSystemResource(key), Map.<String, String>of()::get, false),
					Duration.ofSeconds(30));
			assertThat(credentials.requestMetadata(URI.create("https://telemetry.googleapis.com")))
				.containsEntry("Authorization", List.of("Bearer fake-token-1"));
			assertThat(tokens.requestCount()).isEqualTo(1);
		}
	}

}
