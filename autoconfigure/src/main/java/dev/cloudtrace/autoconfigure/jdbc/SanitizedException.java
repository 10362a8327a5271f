package dev.cloudtrace.autoconfigure.jdbc;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of an {@code exception} event for an error of a database statement,
 * without the values that the driver's message may quote.
 * <p>
 * Drivers put the statement's data in their messages: H2 appends the statement, PostgreSQL
 * quotes the offending value ({@code invalid input syntax for type integer: "42a"}) and
 * adds a {@code Detail:} line with the key of a unique violation. Only the first line of
 * each message is kept, with every quoted run and number replaced by {@code ?}; the stack
 * frames are kept as they are.
 */
final class SanitizedException {

	static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private static final Pattern VALUES = Pattern
		.compile("'(?:[^']|'')*'?|\"(?:[^\"]|\"\")*\"?|(?<![\\w.])[-+]?\\d[\\w.]*");

	private SanitizedException() {
	}

	/**
	 * Returns the attributes of the {@code exception} event for an error.
	 * @param error the error
	 * @param additional attributes that the caller gave, which take precedence
	 * @return the event's attributes
	 */
	static Attributes attributes(Throwable error, Attributes additional) {
		AttributesBuilder attributes = Attributes.builder().put(EXCEPTION_TYPE, error.getClass().getName());
		String message = message(error);
		if (message != null) {
			attributes.put(EXCEPTION_MESSAGE, message);
		}
		return attributes.put(EXCEPTION_STACKTRACE, stackTrace(error)).putAll(additional).build();
	}

	static String sanitize(String text) {
		int newline = text.indexOf('\n');
		String firstLine = (newline >= 0) ? text.substring(0, newline).stripTrailing() : text;
		return VALUES.matcher(firstLine).replaceAll("?");
	}

	private static @Nullable String message(Throwable error) {
		String message = error.getMessage();
		return (message != null) ? sanitize(message) : null;
	}

	private static String stackTrace(Throwable error) {
		StringBuilder trace = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = error;
		while (current != null && seen.add(current)) {
			if (current != error) {
				trace.append("Caused by: ");
			}
			trace.append(current.getClass().getName());
			String message = message(current);
			if (message != null) {
				trace.append(": ").append(message);
			}
			trace.append('\n');
			for (StackTraceElement frame : current.getStackTrace()) {
				trace.append("\tat ").append(frame).append('\n');
			}
			current = current.getCause();
		}
		return trace.toString();
	}

}
