package dev.cloudtrace.sample;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Service;

/**
 * The work of the backend, in its own {@code do_work} span.
 */
@Service
public class Worker {

	/**
	 * Works for 100 ms.
	 * @return what was done
	 * @throws InterruptedException if interrupted while working
	 */
	@WithSpan("do_work")
	public String doWork() throws InterruptedException {
		Thread.sleep(100);
		return "work done";
	}

}
