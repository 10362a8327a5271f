package dev.cloudtrace.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The frontend: calls the backend over HTTP, like the Flask app of the Python recipe calls
 * its backend with {@code requests}.
 */
@RestController
class FrontendController {

	private static final Logger logger = LoggerFactory.getLogger(FrontendController.class);

	private final RestClient.Builder restClientBuilder;

	private final SampleProperties properties;

	private final Environment environment;

	private volatile RestClient backend;

	FrontendController(RestClient.Builder restClientBuilder, SampleProperties properties, Environment environment) {
		this.restClientBuilder = restClientBuilder;
		this.properties = properties;
		this.environment = environment;
	}

	@GetMapping("/frontend")
	String frontend() {
		logger.info("Calling the backend");
		String answer = backend().get().uri("/backend").retrieve().body(String.class);
		return "frontend called the backend, which said: " + answer + "\n";
	}

	private RestClient backend() {
		RestClient client = this.backend;
		if (client == null) {
			// Built on first use: when calling itself, the port is known only once the server runs.
			String url = StringUtils.hasText(this.properties.backendUrl()) ? this.properties.backendUrl()
					: "http://localhost:" + this.environment.getProperty("local.server.port");
			client = this.restClientBuilder.baseUrl(url).build();
			this.backend = client;
		}
		return client;
	}

}
