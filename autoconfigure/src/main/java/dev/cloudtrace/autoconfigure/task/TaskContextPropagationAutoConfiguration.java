package dev.cloudtrace.autoconfigure.task;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.context.Context;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;

/**
 * Auto-configuration of an {@link OpenTelemetryTaskDecorator} bean, which Spring Boot
 * applies to its auto-configured task executor and scheduler.
 * <p>
 * Spring Boot composes every {@link TaskDecorator} bean, so an application's own decorators
 * keep working next to this one. Having the lowest precedence, this one comes last and so
 * wraps the others: they run in the submitter's context too.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class,
		before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConditionalOnClass({ Context.class, TaskDecorator.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.task.propagate-context", matchIfMissing = true)
@EnableConfigurationProperties(TaskContextPropagationProperties.class)
public final class TaskContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenTelemetryTaskDecorator cloudTraceTaskDecorator() {
		return new OpenTelemetryTaskDecorator();
	}

}
