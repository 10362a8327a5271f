package dev.cloudtrace.benchmarks.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/**
 * Service A of the two-service shape ({@code benchmark.service=a}): runs the annotated
 * method, then calls service B, another JVM at {@code benchmark.peer}.
 */
@RestController
@ConditionalOnProperty(name = "benchmark.service", havingValue = "a")
class ServiceAController {

	private final Worker worker;

	private final RestTemplate restTemplate;

	private final String peerUrl;

	ServiceAController(Worker worker, RestTemplate restTemplate, @Value("${benchmark.peer}") String peer) {
		this.worker = worker;
		this.restTemplate = restTemplate;
		this.peerUrl = peer + "/b";
	}

	@GetMapping("/a")
	String a() {
		String work = this.worker.work(42);
		return work + " " + this.restTemplate.getForObject(this.peerUrl, String.class);
	}

}
