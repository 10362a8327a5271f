package dev.cloudtrace.autoconfigure.jdbc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.web.TestApplications;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the test applications with a database, exporting to a fake of the Telemetry API, and
 * posts to them.
 */
final class DatabaseApplications {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private DatabaseApplications() {
	}

	/**
	 * Starts an application whose spans go to a fake of the Telemetry API.
	 * @param name its {@code spring.application.name}
	 * @param source its configuration class
	 * @param api the fake that receives the spans
	 * @param database the properties of its data source
	 * @param more further properties
	 * @return the running context
	 */
	static ConfigurableApplicationContext start(String name, Class<?> source, FakeTelemetryApi api, String[] database,
			String... more) {
		String[] export = { "cloudtrace.exporter.type=cloud-trace",
				"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(), "cloudtrace.batch.schedule-delay=50ms" };
		return TestApplications.start(name, source,
				Stream.of(database, export, more).flatMap(Stream::of).toArray(String[]::new));
	}

	/**
	 * Posts a body to an application and checks that it was answered 200.
	 * @return the response
	 */
	static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String body)
			throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestApplications.port(app) + path))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

}
