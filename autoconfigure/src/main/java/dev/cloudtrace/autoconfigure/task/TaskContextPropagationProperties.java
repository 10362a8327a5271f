package dev.cloudtrace.autoconfigure.task;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the propagation of the OpenTelemetry context to tasks run on other threads.
 */
@ConfigurationProperties("cloudtrace.task")
public class TaskContextPropagationProperties {

	/**
	 * Whether tasks run by Spring Boot's auto-configured task executor and scheduler (@Async
	 * methods, scheduled tasks) run in the OpenTelemetry context of the code that submitted
	 * them.
	 */
	private boolean propagateContext = true;

	public boolean isPropagateContext() {
		return this.propagateContext;
	}

	public void setPropagateContext(boolean propagateContext) {
		this.propagateContext = propagateContext;
	}

}
