package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * W3C Trace Context propagator that follows the Recommendation where OpenTelemetry's
 * {@link W3CTraceContextPropagator} does not: for repeated headers, for the {@code tracestate}
 * grammar and for its length.
 * <p>
 * Extraction applies these rules, whatever the {@link TextMapGetter} (every value of a
 * repeated header is read through {@link HeaderValues}):
 * <ul>
 * <li>More than one {@code traceparent} header makes the {@code traceparent} invalid: the
 * given context is returned unchanged, so the request starts a new trace. None of the
 * headers is picked, even when they are equal.</li>
 * <li>A single {@code traceparent} is parsed by OpenTelemetry's propagator. When it is
 * invalid, {@code tracestate} is not read.</li>
 * <li>Several {@code tracestate} headers are combined in order into one list, as RFC 9110
 * combines a repeated field.</li>
 * <li>Empty and whitespace-only list-members are skipped; a {@code tracestate} without any
 * member is not propagated, and the trace is kept.</li>
 * <li>Keys follow the grammar: a simple key of 1 to 256 characters that starts with a
 * lower-case letter, or {@code tenant@system} with a tenant of 1 to 241 characters that
 * starts with a lower-case letter or digit and a system of 1 to 14 characters that starts
 * with a lower-case letter; both parts of at most 256 characters together. Values are 1 to
 * 256 printable ASCII characters other than {@code ,} and {@code =}, not ending in a
 * space.</li>
 * <li>A member that breaks the grammar, a duplicated key, or more than 32 members make the
 * whole {@code tracestate} invalid: it is discarded and the {@code traceparent} kept.</li>
 * <li>A valid {@code tracestate} longer than 512 characters (commas included, optional
 * whitespace not) is truncated as W3C prescribes: members longer than 128 characters are
 * removed first, from the end, then members from the end, until it fits. Up to 512
 * characters, all 32 members are propagated whole.</li>
 * </ul>
 * OpenTelemetry's propagator (1.49, the line the starter is built against) reads only the
 * first of repeated headers, keeps the first of duplicated keys, silently drops members
 * whose key it rejects, rejects the longest multi-tenant keys, and keeps up to 32 members
 * of up to 513 characters each: 16 KB that every span of the request carries, that every
 * export sends, and that every outgoing call forwards. It still parses the
 * {@code traceparent}; injection is unchanged.
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

	private static final String TRACEPARENT = "traceparent";

	private static final String TRACESTATE = "tracestate";

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
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(@Nullable Context context, @Nullable C carrier, @Nullable TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		if (getter == null) {
			return context;
		}
		String traceparent = HeaderValues.single(getter, carrier, TRACEPARENT);
		// Without tracestate, which is read here.
		Context extracted = (traceparent != null)
				? this.delegate.extract(context, traceparent, HeaderValues.only(TRACEPARENT)) : context;
		if (extracted == context) {
			return context;
		}
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		List<String[]> members = TraceStateMembers.parse(HeaderValues.all(getter, carrier, TRACESTATE));
		if (members.isEmpty()) {
			return extracted;
		}
		return context.with(Span.wrap(SpanContext.createFromRemoteParent(spanContext.getTraceId(),
				spanContext.getSpanId(), spanContext.getTraceFlags(), TraceStateMembers.of(bound(members)))));
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
		List<String[]> bounded = bound(members);
		return (bounded == members) ? traceState : TraceStateMembers.of(bounded);
	}

	/**
	 * Truncates list-members to {@link #MAX_LENGTH} characters.
	 * @param members key and value pairs, in order
	 * @return the same list if it is short enough, else a truncated copy
	 */
	static List<String[]> bound(List<String[]> members) {
		int length = length(members);
		if (length <= MAX_LENGTH) {
			return members;
		}
		List<String[]> kept = new ArrayList<>(members);
		for (int i = kept.size() - 1; i >= 0 && length > MAX_LENGTH; i--) {
			int memberLength = memberLength(kept.get(i));
			if (memberLength > LONG_MEMBER_LENGTH) {
				kept.remove(i);
				length -= memberLength + ((kept.isEmpty()) ? 0 : 1);
			}
		}
		while (length > MAX_LENGTH) {
			String[] last = kept.remove(kept.size() - 1);
			length -= memberLength(last) + ((kept.isEmpty()) ? 0 : 1);
		}
		return kept;
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
