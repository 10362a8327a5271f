package dev.cloudtrace.benchmarks.app;

import io.micrometer.observation.annotation.Observed;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Service;

/**
 * The annotated method. {@code @WithSpan} is what this starter, the OpenTelemetry starter
 * and the Java agent trace; {@code @Observed} is Spring Boot's counterpart for its
 * Micrometer-based starter. Each variant acts on the one its library knows.
 */
@Service
public class Worker {

	/**
	 * Does a trivial amount of work, so that the span itself is what costs.
	 * @param input any number
	 * @return a short answer
	 */
	@WithSpan("work")
	@Observed(name = "work")
	public String work(int input) {
		return "ok " + Integer.toHexString(input * 31);
	}

}
