package com.example.compat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the consumer application as a user would, on a free port, exporting its spans over
 * OTLP/HTTP to a fake endpoint on loopback; and calls it over real HTTP.
 */
final class ConsumerApp {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConsumerApp() {
	}

	/**
	 * Runs the application; {@code scheduleDelay} is the batch span processor's delay between exports.
	 * {@code more} are further arguments.
	 */
	static ConfigurableApplicationContext start(FakeOtlpEndpoint otlp, String scheduleDelay, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=compat-app",
				"--cloudtrace.exporter.type=otlp", "--cloudtrace.exporter.otlp.endpoint=" + otlp.url(),
				// Off Google Cloud detection would not call out anyway; false makes sure no test leaves loopback.
				"--cloudtrace.resource.detect-gcp=false", "--cloudtrace.batch.schedule-delay=" + scheduleDelay,
				// Health components are reachable at /actuator/health/{name} only when shown.
				"--management.endpoint.health.show-components=always",
				// The database's name is the span's: a fixed one rather than a generated one.
				"--spring.datasource.generate-unique-name=false", "--spring.datasource.name=compat"));
		args.addAll(List.of(more));
		return SpringApplication.run(CompatApplication.class, args.toArray(String[]::new));
	}

	static HttpResponse<String> get(ConfigurableApplicationContext app, String path, Map<String, String> headers)
			throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
