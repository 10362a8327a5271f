package dev.cloudtrace.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Calls the frontend once the application is ready, like a user's first curl, so the first
 * trace shows up by itself. The call uses the JDK's plain HTTP client, so the trace starts
 * at the frontend's server span as it would for any outside caller.
 */
@Component
class FirstRequest {

	private static final Log logger = LogFactory.getLog(FirstRequest.class);

	private final SampleProperties properties;

	FirstRequest(SampleProperties properties) {
		this.properties = properties;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		if (!this.properties.firstRequest()) {
			return;
		}
		String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
		URI uri = URI.create("http://localhost:" + port + "/frontend");
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			logger.info("First request: GET " + uri + " -> " + response.statusCode() + " " + response.body().trim());
		}
		catch (Exception ex) {
			logger.warn("First request to " + uri + " failed: " + ex);
		}
	}

}
