package dev.cloudtrace.autoconfigure.testsupport;

import java.util.ArrayList;
import java.util.List;

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

	/**
	 * Properties that keep a test on loopback and export nothing.
	 */
	public static final String[] OFFLINE_NOT_EXPORTING = { "cloudtrace.exporter.type=none",
			"cloudtrace.project-id=test-project", "cloudtrace.credentials.enabled=false",
			"cloudtrace.resource.detect-gcp=false" };

	private CloudTraceContextRunners() {
	}

	/**
	 * The foundation auto-configurations plus the given ones.
	 * @param others further auto-configurations, such as the one under test
	 * @return the auto-configurations
	 */
	public static AutoConfigurations foundation(Class<?>... others) {
		List<Class<?>> all = new ArrayList<>(List.of(CloudTraceDisabledAutoConfiguration.class,
				GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class,
				CloudTraceExportAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class));
		all.addAll(List.of(others));
		return AutoConfigurations.of(all.toArray(Class<?>[]::new));
	}

	/**
	 * A runner with the foundation auto-configurations, offline, exporting nowhere.
	 * @return the runner
	 */
	public static ApplicationContextRunner offline() {
		return new ApplicationContextRunner().withConfiguration(foundation())
			.withPropertyValues(OFFLINE_NOT_EXPORTING);
	}

}
