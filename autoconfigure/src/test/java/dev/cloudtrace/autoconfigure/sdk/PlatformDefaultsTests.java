package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudPlatform;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.DeploymentPlatform.Kind;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.RecordingSpanExporter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The SDK's defaults that depend on where the application runs: on Cloud Run, on GKE, off
 * Google Cloud, and a value the user sets winning everywhere. Platform variables are set as
 * properties, which is how Spring's {@code Environment} also shows the OS environment;
 * platform detection stays off, so no test reaches a metadata server.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlatformDefaultsTests {

	private static final String[] CLOUD_RUN = { "K_SERVICE=checkout", "K_REVISION=checkout-00042-abc" };

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline();

	@Test
	void cloudRunServiceDecidesUnsampledRemoteParents() {
		this.contextRunner.withPropertyValues(CLOUD_RUN).run((context) -> {
			assertThat(context.getBean(DeploymentPlatform.class).getKind()).isEqualTo(Kind.CLOUD_RUN_SERVICE);
			assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.DECIDE);
		});
	}

	@Test
	void kubernetesEngineDecidesUnsampledRemoteParents() {
		onKubernetesEngine().run((context) -> {
			assertThat(context.getBean(DeploymentPlatform.class).getKind()).isEqualTo(Kind.KUBERNETES_ENGINE);
			assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.DECIDE);
		});
	}

	@Test
	void offGoogleCloudFollowsUnsampledRemoteParents() {
		offGoogleCloud().withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1").run((context) -> {
			assertThat(context.getBean(DeploymentPlatform.class).getKind()).isEqualTo(Kind.OFF_GOOGLE_CLOUD);
			assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.FOLLOW);
		});
	}

	@Test
	void configuredRemoteParentNotSampledWins() {
		this.contextRunner.withPropertyValues(CLOUD_RUN)
			.withPropertyValues("cloudtrace.sampler.remote-parent-not-sampled=follow")
			.run((context) -> assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.FOLLOW));
		offGoogleCloud().withPropertyValues("cloudtrace.sampler.remote-parent-not-sampled=DECIDE")
			.run((context) -> assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.DECIDE));
	}

	@Test
	void failsOnUnknownRemoteParentNotSampledNamingPropertyValueAndAllowedValues(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(FoundationApplication.class)
			.web(WebApplicationType.NONE)
			.properties(CloudTraceContextRunners.OFFLINE)
			.properties("cloudtrace.exporter.type=none", "cloudtrace.sampler.remote-parent-not-sampled=sometimes");
		assertThatException().isThrownBy(application::run);
		// Spring Boot's report of a value that does not bind to an enum.
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: cloudtrace.sampler.remote-parent-not-sampled")
			.contains("Value: \"sometimes\"")
			.containsPattern("The following values are valid:\\s+DECIDE\\s+FOLLOW");
	}

	@Test
	void cloudRunServiceExportsEverySecondAndAtRequestStart() {
		withExporter(this.contextRunner.withPropertyValues(CLOUD_RUN)).run((context) -> {
			assertThat(tracerProvider(context)).contains("RequestStartExportProcessor{BatchSpanProcessor{")
				.contains("scheduleDelayNanos=" + Duration.ofSeconds(1).toNanos())
				.contains("intervalNanos=" + Duration.ofSeconds(1).toNanos());
		});
	}

	@Test
	void kubernetesEngineAndOffGoogleCloudKeepFiveSecondsAndNoExportAtRequestStart() {
		for (ApplicationContextRunner runner : List.of(onKubernetesEngine(), offGoogleCloud())) {
			withExporter(runner).run((context) -> assertThat(tracerProvider(context)).startsWith("SdkTracerProvider")
				.contains("BatchSpanProcessor{")
				.contains("scheduleDelayNanos=" + Duration.ofSeconds(5).toNanos())
				.doesNotContain("RequestStartExportProcessor"));
		}
	}

	@Test
	void configuredBatchSettingsWin() {
		withExporter(this.contextRunner.withPropertyValues(CLOUD_RUN))
			.withPropertyValues("cloudtrace.batch.schedule-delay=5s", "cloudtrace.batch.export-at-request-start=false")
			.run((context) -> assertThat(tracerProvider(context))
				.contains("scheduleDelayNanos=" + Duration.ofSeconds(5).toNanos())
				.doesNotContain("RequestStartExportProcessor"));
		withExporter(offGoogleCloud())
			.withPropertyValues("cloudtrace.batch.schedule-delay=2s", "cloudtrace.batch.export-at-request-start=true")
			.run((context) -> assertThat(tracerProvider(context)).contains("RequestStartExportProcessor")
				.contains("scheduleDelayNanos=" + Duration.ofSeconds(2).toNanos())
				.contains("intervalNanos=" + Duration.ofSeconds(1).toNanos()));
	}

	@Test
	void cloudRunShutdownFitsItsTenSecondGracePeriod() {
		this.contextRunner.withPropertyValues(CLOUD_RUN)
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(8)));
		this.contextRunner.withPropertyValues("CLOUD_RUN_JOB=nightly-import")
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(8)));
	}

	@Test
	void kubernetesEngineShutdownFitsTheDefaultThirtySecondGracePeriod() {
		onKubernetesEngine().run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(24)));
	}

	@Test
	void offGoogleCloudShutdownWaitsTheExportTimeout() {
		offGoogleCloud().run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(30)));
		offGoogleCloud().withPropertyValues("cloudtrace.batch.export-timeout=12s")
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(12)));
	}

	@Test
	void configuredShutdownTimeoutWinsAndAShorterExportTimeoutStillBoundsIt() {
		this.contextRunner.withPropertyValues(CLOUD_RUN)
			.withPropertyValues("cloudtrace.batch.shutdown-timeout=9s")
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(9)));
		onKubernetesEngine().withPropertyValues("cloudtrace.batch.shutdown-timeout=50s")
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(50)));
		this.contextRunner.withPropertyValues(CLOUD_RUN)
			.withPropertyValues("cloudtrace.batch.export-timeout=3s")
			.run((context) -> assertThat(shutdownTimeout(context)).isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void failsOnNonPositiveShutdownTimeout() {
		this.contextRunner.withPropertyValues("cloudtrace.batch.shutdown-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("'PT0S'")
				.hasMessageContaining("'cloudtrace.batch.shutdown-timeout'")
				.hasMessageContaining("greater than 0"));
	}

	@Test
	void failsOnExportAtRequestStartThatIsNotABoolean(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(FoundationApplication.class)
			.web(WebApplicationType.NONE)
			.properties(CloudTraceContextRunners.OFFLINE)
			.properties("cloudtrace.exporter.type=none", "cloudtrace.batch.export-at-request-start=sometimes");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: cloudtrace.batch.export-at-request-start")
			.contains("Value: \"sometimes\"");
	}

	@Test
	void logsOneLineOnCloudRunSayingWhatTheExporterWillDo(CapturedOutput output) {
		withExporter(this.contextRunner.withPropertyValues(CLOUD_RUN)).run((context) -> {
			assertThat(context).hasNotFailed();
			String line = "Cloud Run service checkout (revision checkout-00042-abc): spans are exported every 1s and "
					+ "at the start of requests while CPU is allocated; on shutdown the flush waits at most 8s of the "
					+ "10s grace period; unsampled platform parents are decided by this service "
					+ "(cloudtrace.sampler.remote-parent-not-sampled=decide)";
			assertThat(output.getOut().lines().filter((logged) -> logged.contains("Cloud Run service")))
				.singleElement()
				.satisfies((logged) -> assertThat(logged).contains("INFO").endsWith(line));
		});
	}

	@Test
	void logsWhatTheUserSetOnCloudRun(CapturedOutput output) {
		withExporter(this.contextRunner.withPropertyValues(CLOUD_RUN))
			.withPropertyValues("cloudtrace.batch.schedule-delay=5s", "cloudtrace.batch.export-at-request-start=false",
					"cloudtrace.batch.shutdown-timeout=6s", "cloudtrace.sampler.remote-parent-not-sampled=follow")
			.run((context) -> assertThat(output).contains("Cloud Run service checkout (revision "
					+ "checkout-00042-abc): spans are exported every 5s; on shutdown the flush waits at most 6s of "
					+ "the 10s grace period; unsampled platform parents are followed"));
	}

	@Test
	void logsNothingAboutThePlatformOffGoogleCloud(CapturedOutput output) {
		withExporter(offGoogleCloud()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("spans are exported every").doesNotContain("grace period");
		});
	}

	@Test
	void backsOffFromUserDeploymentPlatform() {
		DeploymentPlatform cloudRun = DeploymentPlatform.detect((name) -> name.equals("K_SERVICE") ? "svc" : null,
				true);
		offGoogleCloud().withBean(DeploymentPlatform.class, () -> cloudRun).run((context) -> {
			assertThat(context).hasSingleBean(DeploymentPlatform.class);
			assertThat(context.getBean(DeploymentPlatform.class)).isSameAs(cloudRun);
			assertThat(remoteParentNotSampled(context)).isEqualTo(RemoteParentNotSampled.DECIDE);
		});
	}

	/**
	 * GKE as the starter sees it: the pod's Kubernetes variable, and the local hint of
	 * Google Cloud, which on a GKE node is the DMI product name "Google Compute Engine". A
	 * test cannot write that file, so a platform bean says what the hint would.
	 */
	private ApplicationContextRunner onKubernetesEngine() {
		return this.contextRunner.withPropertyValues("KUBERNETES_SERVICE_HOST=10.0.0.1")
			.withBean(GoogleCloudPlatform.class, () -> new GoogleCloudPlatform(true, false, Attributes::empty));
	}

	/**
	 * Off Google Cloud even when the tests run on a Compute Engine VM, whose DMI product name
	 * would say otherwise.
	 */
	private ApplicationContextRunner offGoogleCloud() {
		return this.contextRunner
			.withBean(GoogleCloudPlatform.class, () -> new GoogleCloudPlatform(false, false, Attributes::empty));
	}

	private static ApplicationContextRunner withExporter(ApplicationContextRunner runner) {
		return runner.withBean("recordingSpanExporter", SpanExporter.class, RecordingSpanExporter::new);
	}

	private static String tracerProvider(ApplicationContext context) {
		return context.getBean(SdkTracerProvider.class).toString();
	}

	private static Duration shutdownTimeout(ApplicationContext context) {
		return context.getBean(TracerProviderShutdown.class).getTimeout();
	}

	private static RemoteParentNotSampled remoteParentNotSampled(ApplicationContext context) {
		Sampler sampler = context.getBean(Sampler.class);
		assertThat(sampler).isInstanceOf(CloudTraceSampler.class);
		return ((CloudTraceSampler) sampler).getRemoteParentNotSampled();
	}

	/**
	 * The foundation auto-configurations, as an application would have them.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
			CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
			CloudTraceSdkAutoConfiguration.class })
	static class FoundationApplication {

	}

}
