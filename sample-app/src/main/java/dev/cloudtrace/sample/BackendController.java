package dev.cloudtrace.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backend: does the work.
 */
@RestController
class BackendController {

	private final Worker worker;

	BackendController(Worker worker) {
		this.worker = worker;
	}

	@GetMapping("/backend")
	String backend() throws InterruptedException {
		return this.worker.doWork();
	}

}
