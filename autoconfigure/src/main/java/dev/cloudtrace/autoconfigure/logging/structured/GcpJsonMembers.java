package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.cloudtrace.autoconfigure.logging.MdcContextStorage;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.ContextPairs;

/**
 * The members of one Cloud Logging entry, for either logging system's event type:
 * <ul>
 * <li>{@code timestamp} ({@code seconds} and {@code nanos}: the first form Cloud Logging's
 * agents look for, at full precision), {@code severity} in Cloud Logging's names,
 * {@code message}, {@code logger} and {@code thread};</li>
 * <li>{@code logging.googleapis.com/trace}, {@code logging.googleapis.com/spanId} and
 * {@code logging.googleapis.com/trace_sampled} (a JSON boolean) from the MDC entries of
 * {@link MdcContextStorage}, captured with the event;</li>
 * <li>{@code logging.googleapis.com/labels}: the other MDC entries and the key-value pairs of
 * the logging call, as strings; Spring Boot's {@code logging.structured.json.context.*}
 * applies to them (see the README for why labels);</li>
 * <li>{@code logging.googleapis.com/sourceLocation}, when asked for;</li>
 * <li>with a throwable: {@code stack_trace}, the field Error Reporting reads first, and
 * {@code serviceContext}.</li>
 * </ul>
 * Every member is written as a pair: {@code JsonWriter.Members.add(String, Function)} of
 * Spring Boot 3.5 became {@code add(String, Extractor)} in Boot 4, so a call compiled
 * against one line fails on the other, while {@code add().usingPairs(...)} is the same on
 * both.
 *
 * @param <E> the log event type
 */
final class GcpJsonMembers<E> implements Consumer<JsonWriter.Members<E>> {

	private static final Set<String> TRACE_KEYS = Set.of(MdcContextStorage.TRACE_ID, MdcContextStorage.SPAN_ID,
			MdcContextStorage.TRACE_SAMPLED);

	private final LogEventAccess<E> events;

	private final BiConsumer<E, BiConsumer<String, Object>> labels;

	private final boolean sourceLocation;

	GcpJsonMembers(LogEventAccess<E> events, ContextPairs contextPairs, boolean sourceLocation) {
		this.events = events;
		this.labels = contextPairs.flat(".", (pairs) -> pairs.add(this::labelPairs));
		this.sourceLocation = sourceLocation;
	}

	@Override
	public void accept(JsonWriter.Members<E> members) {
		members.add().usingPairs(this::entry);
	}

	private void entry(E event, BiConsumer<String, Object> pairs) {
		Map<String, Object> timestamp = new LinkedHashMap<>(4);
		timestamp.put("seconds", this.events.epochSecond(event));
		timestamp.put("nanos", this.events.nanoOfSecond(event));
		pairs.accept("timestamp", timestamp);
		pairs.accept("severity", this.events.severity(event));
		pairs.accept("message", this.events.message(event));
		pairs.accept("logger", this.events.logger(event));
		pairs.accept("thread", this.events.thread(event));
		trace(event, pairs);
		Map<String, String> labels = new LinkedHashMap<>();
		this.labels.accept(event, (name, value) -> labels.put(name, String.valueOf(value)));
		if (!labels.isEmpty()) {
			pairs.accept("logging.googleapis.com/labels", labels);
		}
		StackTraceElement caller = this.sourceLocation ? this.events.caller(event) : null;
		if (caller != null) {
			pairs.accept("logging.googleapis.com/sourceLocation", sourceLocation(caller));
		}
		String stackTrace = this.events.stackTrace(event);
		if (stackTrace != null) {
			pairs.accept("stack_trace", stackTrace);
			Map<String, String> serviceContext = GcpLoggingContext.current().serviceContext();
			if (serviceContext != null) {
				pairs.accept("serviceContext", serviceContext);
			}
		}
	}

	private void trace(E event, BiConsumer<String, Object> pairs) {
		String traceId = this.events.contextValue(event, MdcContextStorage.TRACE_ID);
		if (traceId != null) {
			pairs.accept("logging.googleapis.com/trace", GcpLoggingContext.current().traceName(traceId));
		}
		String spanId = this.events.contextValue(event, MdcContextStorage.SPAN_ID);
		if (spanId != null) {
			pairs.accept("logging.googleapis.com/spanId", spanId);
		}
		String sampled = this.events.contextValue(event, MdcContextStorage.TRACE_SAMPLED);
		if (sampled != null) {
			pairs.accept("logging.googleapis.com/trace_sampled", Boolean.parseBoolean(sampled));
		}
	}

	// The trace entries have fields of their own; an entry without a value is left out.
	private void labelPairs(E event, BiConsumer<String, Object> pairs) {
		this.events.contextPairs(event, (name, value) -> {
			if (value != null && !TRACE_KEYS.contains(name)) {
				pairs.accept(name, value);
			}
		});
	}

	private static Map<String, String> sourceLocation(StackTraceElement caller) {
		Map<String, String> location = new LinkedHashMap<>(4);
		if (caller.getFileName() != null) {
			location.put("file", caller.getFileName());
		}
		if (caller.getLineNumber() > 0) {
			// LogEntrySourceLocation.line is an int64, a string in JSON.
			location.put("line", Integer.toString(caller.getLineNumber()));
		}
		location.put("function", caller.getClassName() + "." + caller.getMethodName());
		return location;
	}

}
