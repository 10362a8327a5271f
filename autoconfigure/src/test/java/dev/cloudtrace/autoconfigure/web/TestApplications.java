package dev.cloudtrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real applications on a random loopback port, with nothing exported beyond the
 * test's own span processor.
 */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Starts an application.
	 * @param name its {@code spring.application.name}, which becomes {@code service.name}
	 * @param source its configuration class
	 * @param properties further properties
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(String name, Class<?> source, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + name, "server.port=0",
				"server.address=127.0.0.1", "cloudtrace.exporter.type=none", "cloudtrace.project-id=test-project",
				"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(source).properties(all.toArray(String[]::new)).run();
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
