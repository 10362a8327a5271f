package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * {@link W3CTraceContextPropagator} that truncates an incoming {@code tracestate} longer
 * than 512 characters the way W3C Trace Context prescribes.
 * <p>
 * OpenTelemetry's propagator (1.55) drops a {@code tracestate} of more than 32
 * list-members and every member whose key or value is too long (256 characters), but
 * keeps up to 32 members of up to 513 characters each: 16 KB that every span of the
 * request carries, that every export sends, and that every outgoing call forwards. W3C
 * asks vendors to propagate at least 512 characters and, when truncating, to remove
 * members longer than 128 characters first, then members from the end. This class does
 * that after OpenTelemetry's propagator has parsed the header; injection is unchanged.
 */
public final class BoundedTraceContextPropagator implements TextMapPropagator {

	/**
	 * Most characters of a {@code tracestate} kept, commas included.
	 */
	public static final int MAX_LENGTH = 512;

	/**
	 * Members longer than this are the first to go when a {@code tracestate} is too long.
	 */
	static final int LONG_MEMBER_LENGTH = 128;

	private static final BoundedTraceContextPropagator INSTANCE = new BoundedTraceContextPropagator();

	private final TextMapPropagator delegate = W3CTraceContextPropagator.getInstance();

	private BoundedTraceContextPropagator() {
	}

	/**
	 * Return the shared instance.
	 * @return the propagator
	 */
	public static BoundedTraceContextPropagator getInstance() {
		return INSTANCE;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		if (getter == null) {
			return context;
		}
		Context extracted = this.delegate.extract(context, carrier, getter);
		if (extracted == context) {
			return context;
		}
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		TraceState bounded = bound(spanContext.getTraceState());
		if (bounded == spanContext.getTraceState()) {
			return extracted;
		}
		return context.with(Span.wrap(SpanContext.createFromRemoteParent(spanContext.getTraceId(),
				spanContext.getSpanId(), spanContext.getTraceFlags(), bounded)));
	}

	/**
	 * Truncates a trace state to {@link #MAX_LENGTH} characters.
	 * @param traceState the trace state
	 * @return the same trace state if it is short enough, else a truncated copy
	 */
	static TraceState bound(TraceState traceState) {
		if (traceState.isEmpty()) {
			return traceState;
		}
		List<String[]> members = new ArrayList<>(traceState.size());
		traceState.forEach((key, value) -> members.add(new String[] { key, value }));
		int length = length(members);
		if (length <= MAX_LENGTH) {
			return traceState;
		}
		for (int i = members.size() - 1; i >= 0 && length > MAX_LENGTH; i--) {
			int memberLength = memberLength(members.get(i));
			if (memberLength > LONG_MEMBER_LENGTH) {
				members.remove(i);
				length -= memberLength + ((members.isEmpty()) ? 0 : 1);
			}
		}
		while (length > MAX_LENGTH) {
			String[] last = members.remove(members.size() - 1);
			length -= memberLength(last) + ((members.isEmpty()) ? 0 : 1);
		}
		TraceStateBuilder builder = TraceState.builder();
		// The builder puts each member in front of those already put.
		for (int i = members.size() - 1; i >= 0; i--) {
			builder.put(members.get(i)[0], members.get(i)[1]);
		}
		return builder.build();
	}

	private static int length(List<String[]> members) {
		int length = members.size() - 1;
		for (String[] member : members) {
			length += memberLength(member);
		}
		return length;
	}

	private static int memberLength(String[] member) {
		return member[0].length() + 1 + member[1].length();
	}

	@Override
	public String toString() {
		return "BoundedTraceContextPropagator{" + this.delegate + "}";
	}

}
