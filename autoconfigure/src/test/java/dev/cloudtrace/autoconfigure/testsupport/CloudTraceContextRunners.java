package dev.cloudtrace.autoconfigure.testsupport;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Context runners with the foundation auto-configurations, set up so that nothing leaves
 * the machine: a project id, no credentials, no platform detection.
 */
public final class CloudTraceContextRunners {

	/**
	 * Properties that keep a test on loopback.
	 */
	public static final String[] OFFLINE = { "cloudtrace.project-id=test-project",
			"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false" };

	private CloudTraceContextRunners() {
	}

	/**
	 * The foundation auto-configurations.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations foundation() {
		return AutoConfigurations.of(CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
				CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
				CloudTraceSdkAutoConfiguration.class);
	}

	/**
	 * A runner with the foundation auto-configurations, offline, exporting nowhere.
	 * @return the runner
	 */
	public static ApplicationContextRunner offline() {
		return new ApplicationContextRunner().withConfiguration(foundation())
			.withPropertyValues(OFFLINE)
			.withPropertyValues("cloudtrace.exporter.type=none");
	}

}
