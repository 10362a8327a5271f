package dev.cloudtrace.sample;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The work of the backend, in its own {@code do_work} span.
 */
@Service
public class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	/**
	 * Works for 100 ms.
	 * @return what was done
	 * @throws InterruptedException if interrupted while working
	 */
	@WithSpan("do_work")
	public String doWork() throws InterruptedException {
		logger.info("Working for 100 ms");
		Thread.sleep(100);
		return "work done";
	}

}
