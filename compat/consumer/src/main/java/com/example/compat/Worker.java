package com.example.compat;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Service;

/**
 * The work behind {@code /back}, in a span of its own.
 */
@Service
class Worker {

	@WithSpan("do_work")
	public void doWork() {
	}

}
