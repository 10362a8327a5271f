package dev.cloudtrace.benchmarks.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint that {@code /front} calls: runs the annotated method.
 */
@RestController
class BackController {

	private final Worker worker;

	BackController(Worker worker) {
		this.worker = worker;
	}

	@GetMapping("/back")
	String back() {
		return this.worker.work(42);
	}

}
