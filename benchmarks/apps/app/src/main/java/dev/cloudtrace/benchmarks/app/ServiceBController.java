package dev.cloudtrace.benchmarks.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service B of the two-service shape ({@code benchmark.service=b}): the endpoint that
 * service A calls, with no span of its own beyond the server span.
 */
@RestController
@ConditionalOnProperty(name = "benchmark.service", havingValue = "b")
class ServiceBController {

	@GetMapping("/b")
	String b() {
		return "b";
	}

}
