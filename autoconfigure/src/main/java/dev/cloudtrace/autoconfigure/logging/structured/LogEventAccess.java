package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Reads what the {@code gcp} format writes from one logging system's event type.
 *
 * @param <E> the log event type
 */
interface LogEventAccess<E> {

	long epochSecond(E event);

	int nanoOfSecond(E event);

	/**
	 * Returns Cloud Logging's name of the event's level.
	 * @param event the event
	 * @return {@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR} or
	 * {@code CRITICAL}
	 */
	String severity(E event);

	String message(E event);

	String logger(E event);

	String thread(E event);

	/**
	 * Returns one MDC (context data) entry, as captured with the event.
	 * @param event the event
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	@Nullable String contextValue(E event, String key);

	/**
	 * Gives every MDC entry, then every key-value pair of the logging call.
	 * @param event the event
	 * @param pairs receives each name and value
	 */
	void contextPairs(E event, BiConsumer<String, @Nullable Object> pairs);

	/**
	 * Returns the stack trace of the event's throwable.
	 * @param event the event
	 * @return the stack trace, or {@code null} without a throwable
	 */
	@Nullable String stackTrace(E event);

	/**
	 * Returns where the logging call is: costs a walk of the stack unless the logging system
	 * has already found it.
	 * @param event the event
	 * @return the caller, or {@code null} when unknown
	 */
	@Nullable StackTraceElement caller(E event);

}
