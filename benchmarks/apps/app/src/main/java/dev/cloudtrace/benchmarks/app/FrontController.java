package dev.cloudtrace.benchmarks.app;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * The endpoint that the load generator calls: one HTTP call to {@code /back} of this same
 * process.
 */
@RestController
class FrontController {

	private final RestTemplate restTemplate;

	private volatile String backUrl;

	FrontController(RestTemplate restTemplate) {
		this.restTemplate = restTemplate;
	}

	@EventListener
	void onWebServerInitialized(WebServerInitializedEvent event) {
		this.backUrl = "http://127.0.0.1:" + event.getWebServer().getPort() + "/back";
	}

	@GetMapping("/front")
	String front() {
		return this.restTemplate.getForObject(this.backUrl, String.class);
	}

}
