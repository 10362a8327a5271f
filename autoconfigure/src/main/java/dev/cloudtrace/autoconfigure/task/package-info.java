/**
 * Carries the OpenTelemetry context of the code that submits a task to the thread that runs
 * it, so that {@code @Async} methods and scheduled work stay in the caller's trace.
 * <p>
 * Spring Boot applies the {@link dev.cloudtrace.autoconfigure.task.OpenTelemetryTaskDecorator}
 * bean to the executor and scheduler that it auto-configures, and to every executor or
 * scheduler built from its {@code ThreadPoolTaskExecutorBuilder},
 * {@code SimpleAsyncTaskExecutorBuilder}, {@code ThreadPoolTaskSchedulerBuilder} or
 * {@code SimpleAsyncTaskSchedulerBuilder} beans. An executor that an application builds
 * itself needs one of:
 * <ul>
 * <li>{@code executor.setTaskDecorator(decorator)}, with the injected
 * {@code OpenTelemetryTaskDecorator}, for Spring's {@code ThreadPoolTaskExecutor},
 * {@code SimpleAsyncTaskExecutor} and {@code ThreadPoolTaskScheduler};</li>
 * <li>{@code io.opentelemetry.context.Context.taskWrapping(executorService)} for a plain
 * {@code java.util.concurrent.ExecutorService} (or {@code Executor}), such as one passed to
 * {@code CompletableFuture.supplyAsync(supplier, executor)}.</li>
 * </ul>
 * {@code CompletableFuture.supplyAsync(supplier)} without an executor runs on the common
 * fork-join pool, which carries no context.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.task;

import org.jspecify.annotations.NullMarked;
