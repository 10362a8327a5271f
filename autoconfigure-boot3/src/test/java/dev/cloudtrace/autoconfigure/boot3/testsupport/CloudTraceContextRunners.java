package dev.cloudtrace.autoconfigure.boot3.testsupport;

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
 * Context runners with the starter's foundation auto-configurations, set up so that
 * nothing leaves the machine: a project id, no credentials, no platform detection, no
 * exporter. The autoconfigure module's own test support is compiled against Spring Boot 4,
 * hence these few lines again.
 */
public final class CloudTraceContextRunners {

	/**
	 * Properties that keep a test on loopback.
	 */
	public static final String[] OFFLINE = { "cloudtrace.project-id=test-project",
			"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
			"cloudtrace.exporter.type=none" };

	private CloudTraceContextRunners() {
	}

	/**
	 * A runner with the foundation auto-configurations and the given ones, offline.
	 * @param others further auto-configurations
	 * @return the runner
	 */
	public static ApplicationContextRunner offline(Class<?>... others) {
		List<Class<?>> all = new ArrayList<>(List.of(CloudTraceDisabledAutoConfiguration.class,
				GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class,
				CloudTraceExportAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class));
		all.addAll(List.of(others));
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(all.toArray(Class<?>[]::new)))
			.withPropertyValues(OFFLINE);
	}

}
