package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts real applications on a random loopback port, with nothing exported beyond the
 * test's own span processor.
 */
public final class TestApplications {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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

	/**
	 * Sends a GET request to an application and checks that it was answered 200.
	 * @param app the application
	 * @param path the request's path
	 * @param headers header names and values, alternately
	 * @return the response
	 * @throws IOException if the exchange fails
	 * @throws InterruptedException if interrupted while waiting for the response
	 */
	public static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(app) + path))
			.timeout(Duration.ofSeconds(10));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

}
