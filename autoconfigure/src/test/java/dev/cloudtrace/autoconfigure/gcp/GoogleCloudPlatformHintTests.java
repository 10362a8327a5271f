package dev.cloudtrace.autoconfigure.gcp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoogleCloudPlatformHint}.
 */
class GoogleCloudPlatformHintTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "K_SERVICE", "GAE_SERVICE", "FUNCTION_TARGET", "CLOUD_RUN_JOB" })
	void serverlessVariableIsAHint(String variable) {
		assertThat(GoogleCloudPlatformHint.isOnGoogleCloud(Map.of(variable, "svc")::get, missing())).isTrue();
	}

	@Test
	void blankVariableIsNoHint() {
		assertThat(GoogleCloudPlatformHint.isOnGoogleCloud(Map.of("K_SERVICE", " ")::get, missing())).isFalse();
	}

	@Test
	void computeEngineProductNameIsAHint() throws Exception {
		Path productName = Files.writeString(this.directory.resolve("product_name"), "Google Compute Engine\n");
		assertThat(GoogleCloudPlatformHint.isOnGoogleCloud(Map.<String, String>of()::get, productName)).isTrue();
	}

	@Test
	void otherProductNameIsNoHint() throws Exception {
		Path productName = Files.writeString(this.directory.resolve("product_name"), "ThinkPad X1\n");
		assertThat(GoogleCloudPlatformHint.isOnGoogleCloud(Map.<String, String>of()::get, productName)).isFalse();
	}

	@Test
	void laptopHasNoHint() {
		assertThat(GoogleCloudPlatformHint.isOnGoogleCloud(Map.<String, String>of()::get, missing())).isFalse();
	}

	private Path missing() {
		return this.directory.resolve("absent");
	}

}
