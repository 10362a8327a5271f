package com.example.compat;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The work behind {@code /back}, in a span of its own.
 */
@Service
class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	@WithSpan("do_work")
	public void doWork() {
		logger.info("Doing the work");
	}

}
