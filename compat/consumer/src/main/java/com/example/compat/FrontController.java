package com.example.compat;

// RestTemplateBuilder is in org.springframework.boot.web.client on Boot 3 and in
// org.springframework.boot.restclient on Boot 4: compat/run.sh fills in the package of the line.
import @REST_TEMPLATE_BUILDER_PACKAGE@.RestTemplateBuilder;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The front end: calls {@code /back} of this same application with a client built from
 * Spring Boot's builders, and returns what it answered.
 */
@RestController
class FrontController {

	private final RestTemplateBuilder restTemplateBuilder;

	private final RestClient.Builder restClientBuilder;

	private final Environment environment;

	FrontController(RestTemplateBuilder restTemplateBuilder, RestClient.Builder restClientBuilder,
			Environment environment) {
		this.restTemplateBuilder = restTemplateBuilder;
		this.restClientBuilder = restClientBuilder;
		this.environment = environment;
	}

	@GetMapping("/front")
	String front() {
		return this.restTemplateBuilder.rootUri(backUrl()).build().getForObject("/back", String.class);
	}

	@GetMapping("/front-restclient")
	String frontRestClient() {
		return this.restClientBuilder.baseUrl(backUrl()).build().get().uri("/back").retrieve().body(String.class);
	}

	// The port is known only once the server runs (server.port=0).
	private String backUrl() {
		return "http://127.0.0.1:" + this.environment.getProperty("local.server.port");
	}

}
