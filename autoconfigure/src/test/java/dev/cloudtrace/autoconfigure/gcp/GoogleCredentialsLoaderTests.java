package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.cloudtrace.autoconfigure.testsupport.ServiceAccountKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link GoogleCredentialsLoader}.
 */
class GoogleCredentialsLoaderTests {

	private static final String TOKEN_URI = "http://127.0.0.1:9/token";

	@TempDir
	Path directory;

	@Test
	void loadsConfiguredKeyScopedForCloudTrace() throws Exception {
		Path file = ServiceAccountKeys.generate("key-project").writeKeyFile(this.directory, TOKEN_URI);
		GoogleCredentials credentials = new GoogleCredentialsLoader(new FileSystemResource(file),
				Map.<String, String>of()::get, false)
			.load();
		assertThat(credentials).isInstanceOf(ServiceAccountCredentials.class);
		assertThat(((ServiceAccountCredentials) credentials).getScopes())
			.containsExactly("https://www.googleapis.com/auth/cloud-platform");
		assertThat(credentials.getProjectId()).isEqualTo("key-project");
	}

	@Test
	void offGoogleCloudUsesGoogleApplicationCredentials() throws Exception {
		Path file = ServiceAccountKeys.generate("adc-project").writeKeyFile(this.directory, TOKEN_URI);
		GoogleCredentials credentials = new GoogleCredentialsLoader(null,
				Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString())::get, false)
			.load();
		assertThat(credentials.getProjectId()).isEqualTo("adc-project");
	}

	@Test
	void offGoogleCloudUsesGcloudWellKnownFile() throws Exception {
		Path gcloud = Files.createDirectories(this.directory.resolve("gcloud"));
		Path key = ServiceAccountKeys.generate("gcloud-project").writeKeyFile(this.directory, TOKEN_URI);
		Files.copy(key, gcloud.resolve("application_default_credentials.json"));
		GoogleCredentials credentials = new GoogleCredentialsLoader(null,
				Map.of("CLOUDSDK_CONFIG", gcloud.toString())::get, false)
			.load();
		assertThat(credentials.getProjectId()).isEqualTo("gcloud-project");
	}

	@Test
	void offGoogleCloudWithoutCredentialsFailsWithoutAskingTheMetadataServer() {
		Map<String, String> environment = Map.of("CLOUDSDK_CONFIG", this.directory.resolve("none").toString());
		assertThatIOException().isThrownBy(() -> new GoogleCredentialsLoader(null, environment::get, false).load())
			.withMessageContaining("No Google credentials found")
			.withMessageContaining("cloudtrace.credentials.location");
	}

	@Test
	void unreadableLocationNamesTheProperty() {
		FileSystemResource missing = new FileSystemResource(this.directory.resolve("missing.json"));
		assertThatIOException()
			.isThrownBy(() -> new GoogleCredentialsLoader(missing, Map.<String, String>of()::get, false).load())
			.withMessageContaining("cloudtrace.credentials.location");
	}

	@Test
	void malformedKeyFailsWithoutEchoingItsContent() throws IOException {
		Path broken = Files.writeString(this.directory.resolve("broken.json"),
				"{\"type\":\"service_account\",\"private_key\":\"SECRET-MATERIAL\"}");
		FileSystemResource location = new FileSystemResource(broken);
		assertThatIOException()
			.isThrownBy(() -> new GoogleCredentialsLoader(location, Map.<String, String>of()::get, false).load())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("SECRET-MATERIAL"));
	}

}
