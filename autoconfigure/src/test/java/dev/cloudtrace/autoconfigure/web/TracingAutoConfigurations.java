package dev.cloudtrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * The foundation's auto-configurations and the properties that keep them on loopback, for
 * context runner tests.
 */
public final class TracingAutoConfigurations {

	/**
	 * Properties that export nothing and look nothing up on Google Cloud.
	 */
	public static final String[] PROPERTIES = { "cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
			"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false" };

	private TracingAutoConfigurations() {
	}

	/**
	 * The foundation's auto-configurations plus the given ones.
	 * @param others further auto-configurations
	 * @return all of them
	 */
	public static AutoConfigurations with(Class<?>... others) {
		List<Class<?>> all = new ArrayList<>(List.of(CloudTraceDisabledAutoConfiguration.class,
				GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class,
				CloudTraceExportAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class));
		all.addAll(List.of(others));
		return AutoConfigurations.of(all.toArray(Class<?>[]::new));
	}

}
