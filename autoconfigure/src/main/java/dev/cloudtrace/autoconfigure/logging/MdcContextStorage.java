package dev.cloudtrace.autoconfigure.logging;

import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A {@link ContextStorage} that keeps SLF4J's {@link MDC} in step with the current span:
 * while a context with a valid span is attached to a thread, the MDC holds its
 * {@value #TRACE_ID}, {@value #SPAN_ID} and {@value #TRACE_SAMPLED}; closing the scope puts
 * back what the MDC held before. A context without a span removes the three entries, so a
 * line logged outside a span carries none.
 * <p>
 * {@value #TRACE_ID} and {@value #SPAN_ID} are the names that Spring Boot's correlation
 * pattern and Micrometer Tracing use. {@value #TRACE_SAMPLED} ({@code true} or
 * {@code false}) is there for formats that report the sampling decision, such as Cloud
 * Logging's {@code trace_sampled}: it is captured with the log event, so an asynchronous
 * appender still writes the right value.
 * <p>
 * Installed with {@link ContextStorage#addWrapper}, before the context storage is first
 * used; {@code active} is read on every attach, so a wrapper installed once per JVM writes
 * the MDC only while an application wants it.
 */
public final class MdcContextStorage implements ContextStorage {

	/**
	 * MDC key of the trace id: 32 lowercase hex characters.
	 */
	public static final String TRACE_ID = "traceId";

	/**
	 * MDC key of the span id: 16 lowercase hex characters.
	 */
	public static final String SPAN_ID = "spanId";

	/**
	 * MDC key of the span's sampled flag: {@code true} or {@code false}.
	 */
	public static final String TRACE_SAMPLED = "traceSampled";

	private final ContextStorage delegate;

	private final BooleanSupplier active;

	/**
	 * Wraps a context storage.
	 * @param delegate the storage that keeps the contexts
	 * @param active whether the MDC is written; read on every attach
	 */
	public MdcContextStorage(ContextStorage delegate, BooleanSupplier active) {
		this.delegate = delegate;
		this.active = active;
	}

	@Override
	public Scope attach(Context toAttach) {
		if (!this.active.getAsBoolean()) {
			return this.delegate.attach(toAttach);
		}
		SpanContext span = Span.fromContext(toAttach).getSpanContext();
		String previousTraceId = MDC.get(TRACE_ID);
		String previousSpanId = MDC.get(SPAN_ID);
		Scope scope = this.delegate.attach(toAttach);
		if (span.isValid()) {
			// The same span again (a context that only adds baggage, a scope opened twice):
			// the MDC is already right.
			if (span.getSpanId().equals(previousSpanId) && span.getTraceId().equals(previousTraceId)) {
				return scope;
			}
			String previousSampled = MDC.get(TRACE_SAMPLED);
			MDC.put(TRACE_ID, span.getTraceId());
			MDC.put(SPAN_ID, span.getSpanId());
			MDC.put(TRACE_SAMPLED, span.isSampled() ? "true" : "false");
			return new RestoringScope(scope, previousTraceId, previousSpanId, previousSampled);
		}
		if (previousTraceId == null && previousSpanId == null) {
			return scope;
		}
		String previousSampled = MDC.get(TRACE_SAMPLED);
		MDC.remove(TRACE_ID);
		MDC.remove(SPAN_ID);
		MDC.remove(TRACE_SAMPLED);
		return new RestoringScope(scope, previousTraceId, previousSpanId, previousSampled);
	}

	@Override
	public Context current() {
		return this.delegate.current();
	}

	@Override
	public Context root() {
		return this.delegate.root();
	}

	private static void restore(String key, @Nullable String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

	/**
	 * Closes the storage's scope, then puts back the MDC entries that were there before.
	 */
	private static final class RestoringScope implements Scope {

		private final Scope delegate;

		private final @Nullable String traceId;

		private final @Nullable String spanId;

		private final @Nullable String sampled;

		RestoringScope(Scope delegate, @Nullable String traceId, @Nullable String spanId, @Nullable String sampled) {
			this.delegate = Objects.requireNonNull(delegate);
			this.traceId = traceId;
			this.spanId = spanId;
			this.sampled = sampled;
		}

		@Override
		public void close() {
			this.delegate.close();
			restore(TRACE_ID, this.traceId);
			restore(SPAN_ID, this.spanId);
			restore(TRACE_SAMPLED, this.sampled);
		}

	}

}
