package com.example.compat;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The back end: does the work and answers with the trace headers it received, one
 * {@code name: value} line each (an empty value when the header is missing).
 */
@RestController
class BackController {

	private final Worker worker;

	BackController(Worker worker) {
		this.worker = worker;
	}

	@GetMapping(path = "/back", produces = "text/plain")
	String back(@RequestHeader(name = "X-Cloud-Trace-Context", defaultValue = "") String cloudTraceContext,
			@RequestHeader(name = "traceparent", defaultValue = "") String traceparent) {
		this.worker.doWork();
		return "X-Cloud-Trace-Context: " + cloudTraceContext + "\ntraceparent: " + traceparent + "\n";
	}

}
