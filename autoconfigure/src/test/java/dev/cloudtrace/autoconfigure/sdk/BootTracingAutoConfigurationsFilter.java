package dev.cloudtrace.autoconfigure.sdk;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps the auto-configurations of {@code spring-boot-micrometer-tracing-opentelemetry} out
 * of the tests' applications. The module is on the test classpath only because the starter
 * compiles against its {@code SdkTracerProviderBuilderCustomizer}; the other Spring Boot
 * modules that its auto-configurations need are not.
 */
public class BootTracingAutoConfigurationsFilter implements AutoConfigurationImportFilter {

	private static final String MODULE_PACKAGE = "org.springframework.boot.micrometer.tracing.opentelemetry.";

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = candidate == null || !candidate.startsWith(MODULE_PACKAGE);
		}
		return matches;
	}

}
