package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.Map;

import dev.cloudtrace.autoconfigure.sdk.BatchProperties.ShutdownTimeout;
import dev.cloudtrace.autoconfigure.sdk.PlatformExportSummary.Plan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PlatformExportSummary}.
 */
class PlatformExportSummaryTests {

	private static final DeploymentPlatform CLOUD_RUN_SERVICE = DeploymentPlatform
		.detect(Map.of("K_SERVICE", "checkout", "K_REVISION", "checkout-00042-abc")::get, true);

	private static final ShutdownTimeout EIGHT_SECONDS = new ShutdownTimeout(Duration.ofSeconds(8),
			"cloudtrace.batch.shutdown-timeout", "four fifths of the 10s between SIGTERM and SIGKILL");

	@Test
	void describesCloudRunService() {
		assertThat(PlatformExportSummary.describe(CLOUD_RUN_SERVICE,
				new Plan(true, Duration.ofSeconds(1), true, EIGHT_SECONDS, RemoteParentNotSampled.DECIDE, true)))
			.isEqualTo("Cloud Run service checkout (revision checkout-00042-abc): spans are exported every 1s and at "
					+ "the start of requests while CPU is allocated; on shutdown the flush waits at most 8s of the 10s "
					+ "grace period; unsampled platform parents are decided by this service "
					+ "(cloudtrace.sampler.remote-parent-not-sampled=decide)");
	}

	@Test
	void describesCloudRunJob() {
		Map<String, String> environment = Map.of("CLOUD_RUN_JOB", "nightly-import", "CLOUD_RUN_EXECUTION",
				"nightly-import-x7k2p");
		DeploymentPlatform job = DeploymentPlatform.detect(environment::get, true);
		assertThat(PlatformExportSummary.describe(job,
				new Plan(true, Duration.ofSeconds(5), false, EIGHT_SECONDS, RemoteParentNotSampled.DECIDE, true)))
			.isEqualTo("Cloud Run job nightly-import (execution nightly-import-x7k2p): spans are exported every 5s "
					+ "and when the task ends; on shutdown the flush waits at most 8s of the 10s grace period; "
					+ "unsampled platform parents are decided by this service "
					+ "(cloudtrace.sampler.remote-parent-not-sampled=decide)");
	}

	@Test
	void describesKubernetesEngineAndWhereItsGracePeriodComesFrom() {
		DeploymentPlatform gke = DeploymentPlatform.detect(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")::get, true);
		ShutdownTimeout shutdown = new ShutdownTimeout(Duration.ofSeconds(24), "cloudtrace.batch.shutdown-timeout",
				"four fifths of the 30s between SIGTERM and SIGKILL");
		assertThat(PlatformExportSummary.describe(gke,
				new Plan(true, Duration.ofMillis(5500), false, shutdown, RemoteParentNotSampled.FOLLOW, true)))
			.isEqualTo("Google Kubernetes Engine: spans are exported every 5500ms; on shutdown the flush waits at "
					+ "most 24s of the 30s grace period (Kubernetes' default; for another, set "
					+ "cloudtrace.batch.shutdown-timeout); unsampled platform parents are followed, so their requests "
					+ "are not recorded (cloudtrace.sampler.remote-parent-not-sampled=follow)");
	}

	@Test
	void describesOtherGoogleCloudWithoutExporterUntrustedIncomingContextOrOwnSampler() {
		DeploymentPlatform gce = DeploymentPlatform.detect(Map.<String, String>of()::get, true);
		ShutdownTimeout exportTimeout = new ShutdownTimeout(Duration.ofSeconds(30), "cloudtrace.batch.export-timeout",
				null);
		assertThat(PlatformExportSummary.describe(gce,
				new Plan(false, Duration.ofSeconds(5), false, exportTimeout, RemoteParentNotSampled.DECIDE, false)))
			.isEqualTo("Google Cloud: no exporter is active, so no span is exported; requests start traces of their "
					+ "own, sampled by this service (cloudtrace.propagation.trust-incoming=false)");
		assertThat(PlatformExportSummary.describe(gce,
				new Plan(true, Duration.ofSeconds(5), false, exportTimeout, null, true)))
			.isEqualTo("Google Cloud: spans are exported every 5s; on shutdown the flush waits at most 30s; "
					+ "the application's own sampler decides for unsampled platform parents");
	}

	@Test
	void saysNothingOffGoogleCloud() {
		DeploymentPlatform laptop = DeploymentPlatform.detect(Map.<String, String>of()::get, false);
		assertThat(PlatformExportSummary.describe(laptop,
				new Plan(true, Duration.ofSeconds(5), false, EIGHT_SECONDS, RemoteParentNotSampled.FOLLOW, true)))
			.isNull();
	}

}
