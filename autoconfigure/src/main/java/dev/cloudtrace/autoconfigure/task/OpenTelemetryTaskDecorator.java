package dev.cloudtrace.autoconfigure.task;

import io.opentelemetry.context.Context;

import org.springframework.core.task.TaskDecorator;

/**
 * {@link TaskDecorator} that runs each task in the OpenTelemetry context that was current
 * when the task was submitted.
 */
public class OpenTelemetryTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return Context.current().wrap(runnable);
	}

}
