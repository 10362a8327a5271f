package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.Map;

import dev.cloudtrace.autoconfigure.sdk.DeploymentPlatform.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeploymentPlatform}.
 */
class DeploymentPlatformTests {

	@Test
	void detectsCloudRunServiceWithItsRevision() {
		DeploymentPlatform platform = detect(Map.of("K_SERVICE", "checkout", "K_REVISION", "checkout-00042-abc"), true);
		assertThat(platform.getKind()).isEqualTo(Kind.CLOUD_RUN_SERVICE);
		assertThat(platform.getName()).isEqualTo("checkout");
		assertThat(platform.getVersion()).isEqualTo("checkout-00042-abc");
		assertThat(platform.isOnGoogleCloud()).isTrue();
		assertThat(platform.getTerminationGracePeriod()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void detectsCloudRunJobWithItsExecution() {
		DeploymentPlatform platform = detect(
				Map.of("CLOUD_RUN_JOB", "nightly-import", "CLOUD_RUN_EXECUTION", "nightly-import-x7k2p"), true);
		assertThat(platform.getKind()).isEqualTo(Kind.CLOUD_RUN_JOB);
		assertThat(platform.getName()).isEqualTo("nightly-import");
		assertThat(platform.getVersion()).isEqualTo("nightly-import-x7k2p");
		assertThat(platform.getTerminationGracePeriod()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void detectsKubernetesEngineFromKubernetesVariableOnGoogleCloud() {
		DeploymentPlatform platform = detect(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), true);
		assertThat(platform.getKind()).isEqualTo(Kind.KUBERNETES_ENGINE);
		assertThat(platform.getName()).isNull();
		assertThat(platform.getTerminationGracePeriod()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void kubernetesOffGoogleCloudIsNotKubernetesEngine() {
		DeploymentPlatform platform = detect(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), false);
		assertThat(platform.getKind()).isEqualTo(Kind.OFF_GOOGLE_CLOUD);
		assertThat(platform.isOnGoogleCloud()).isFalse();
		assertThat(platform.getTerminationGracePeriod()).isNull();
	}

	@Test
	void otherGoogleCloudHasNoGracePeriodToRespect() {
		DeploymentPlatform platform = detect(Map.of("GAE_SERVICE", "default"), true);
		assertThat(platform.getKind()).isEqualTo(Kind.OTHER_GOOGLE_CLOUD);
		assertThat(platform.isOnGoogleCloud()).isTrue();
		assertThat(platform.getTerminationGracePeriod()).isNull();
	}

	@Test
	void ignoresBlankVariables() {
		assertThat(detect(Map.of("K_SERVICE", " ", "CLOUD_RUN_JOB", ""), false).getKind())
			.isEqualTo(Kind.OFF_GOOGLE_CLOUD);
	}

	@Test
	void jobWinsOverServiceVariables() {
		assertThat(detect(Map.of("CLOUD_RUN_JOB", "job", "K_SERVICE", "svc"), true).getKind())
			.isEqualTo(Kind.CLOUD_RUN_JOB);
	}

	private static DeploymentPlatform detect(Map<String, String> environment, boolean onGoogleCloud) {
		return DeploymentPlatform.detect(environment::get, onGoogleCloud);
	}

}
