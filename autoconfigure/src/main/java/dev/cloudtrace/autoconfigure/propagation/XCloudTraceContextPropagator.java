package dev.cloudtrace.autoconfigure.propagation;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * {@link TextMapPropagator} for Google Cloud's legacy {@code X-Cloud-Trace-Context} header.
 * <p>
 * Google documents the header as legacy and has deprecated its own OpenTelemetry propagators
 * for it in favour of W3C Trace Context (the Go one is deprecated, the Java one,
 * {@code com.google.cloud.opentelemetry:propagators-gcp}, never left alpha). Google's load
 * balancers still send only this header, so this small implementation is kept here.
 * <p>
 * The accepted grammar is {@code TRACE_ID[/SPAN_ID][;o=OPTIONS]}:
 * <ul>
 * <li>{@code TRACE_ID} is exactly 32 hexadecimal digits, of either case (normalised to lower
 * case), and not all zero.</li>
 * <li>{@code SPAN_ID} is 1 to 20 decimal digits holding an unsigned 64-bit value other than
 * zero; it becomes the 16-digit hexadecimal span id. A slash without digits
 * ({@code TRACE_ID/}) is malformed.</li>
 * <li>{@code OPTIONS} is 1 to 10 decimal digits, a bit mask whose bit 0 is the sampled flag
 * (Google documents only {@code 0} and {@code 1}).</li>
 * </ul>
 * No whitespace is allowed anywhere. Any value that does not match is ignored: the given
 * context is returned unchanged and nothing is thrown. So is a header that arrives more than
 * once, even with equal values: as for {@code traceparent}, none of them is picked (every
 * value is read through {@link HeaderValues}, whatever the getter).
 * <p>
 * A header without a span id ({@code TRACE_ID} or {@code TRACE_ID;o=1}) still continues the
 * trace, unlike Google's Go and Java propagators, which ignore it: load balancers and clients
 * that only name the trace expect the request to appear in it. An OpenTelemetry parent needs
 * a valid span id, otherwise the SDK starts a new trace, so a random non-zero one is made up.
 * The header names no parent span, so none is lost: Cloud Trace shows the request's span,
 * whose parent never arrives, at the top of the trace.
 * <p>
 * Without {@code ;o=} the header carries no sampling decision. OpenTelemetry has no
 * "undecided" state for a remote parent, so the parent keeps the default (not sampled) trace
 * flags, and the context records that the decision is open; see
 * {@link #isSamplingUndecided(Context)}. A parent-based sampler that does not look at it
 * treats such a parent as not sampled.
 * <p>
 * Extraction leaves the context unchanged when it already holds a valid remote span context,
 * such as the one extracted from {@code traceparent} by an earlier propagator of a composite.
 * Because the W3C propagator always replaces the span context when its header is valid,
 * {@code traceparent} wins over {@code X-Cloud-Trace-Context} whatever the order of the two
 * in the composite, and this header is only used when {@code traceparent} is absent or
 * invalid.
 * <p>
 * Injection writes {@code TRACE_ID/SPAN_ID;o=0|1} for a valid span context, leaving out
 * {@code ;o=} only when the span context is a remote parent whose sampling is still
 * undecided, so that a service forwarding it without a span of its own passes the open
 * decision on. The {@link #getOneWayInstance() one-way instance} extracts the same way but
 * never injects.
 */
public final class XCloudTraceContextPropagator implements TextMapPropagator {

	private static final String FIELD = "x-cloud-trace-context";

	private static final List<String> FIELDS = List.of(FIELD);

	private static final int TRACE_ID_LENGTH = 32;

	private static final int MAX_SPAN_ID_DIGITS = 20;

	private static final int MAX_OPTIONS_DIGITS = 10;

	private static final String OPTIONS_PREFIX = ";o=";

	private static final int MIN_LENGTH = TRACE_ID_LENGTH;

	// Anything longer cannot match, so hostile values cost one length check.
	private static final int MAX_LENGTH = TRACE_ID_LENGTH + 1 + MAX_SPAN_ID_DIGITS + OPTIONS_PREFIX.length()
			+ MAX_OPTIONS_DIGITS;

	private static final long MAX_UNSIGNED_DIV_10 = Long.divideUnsigned(-1L, 10);

	private static final long MAX_UNSIGNED_LAST_DIGIT = Long.remainderUnsigned(-1L, 10);

	private static final ContextKey<SpanContext> SAMPLING_UNDECIDED = ContextKey
		.named("x-cloud-trace-context-sampling-undecided");

	private static final XCloudTraceContextPropagator INSTANCE = new XCloudTraceContextPropagator(false);

	private static final XCloudTraceContextPropagator ONE_WAY_INSTANCE = new XCloudTraceContextPropagator(true);

	private final boolean oneWay;

	private XCloudTraceContextPropagator(boolean oneWay) {
		this.oneWay = oneWay;
	}

	/**
	 * Return the propagator that extracts and injects {@code X-Cloud-Trace-Context}.
	 * @return the shared instance
	 */
	public static XCloudTraceContextPropagator getInstance() {
		return INSTANCE;
	}

	/**
	 * Return the propagator that extracts {@code X-Cloud-Trace-Context} but never injects it.
	 * @return the shared one-way instance
	 */
	public static XCloudTraceContextPropagator getOneWayInstance() {
		return ONE_WAY_INSTANCE;
	}

	/**
	 * Return whether the given context's span context was extracted by this propagator from a
	 * header that carried no sampling decision (no {@code ;o=}), so that the sampler, not the
	 * parent's trace flags, should decide. It is {@code false} once another propagator, such
	 * as W3C Trace Context, replaced the extracted span context, even with an equal one.
	 * @param context the parent context given to the sampler, may be {@code null}
	 * @return whether the remote parent left the sampling decision open
	 */
	public static boolean isSamplingUndecided(@Nullable Context context) {
		if (context == null) {
			return false;
		}
		SpanContext undecided = context.get(SAMPLING_UNDECIDED);
		// Identity, not equality: a traceparent naming the same trace and span with the
		// sampled flag off is an explicit decision that must not be overridden.
		return undecided != null && Span.fromContext(context).getSpanContext() == undecided;
	}

	@Override
	public Collection<String> fields() {
		return FIELDS;
	}

	@Override
	public <C> void inject(@Nullable Context context, @Nullable C carrier, @Nullable TextMapSetter<C> setter) {
		if (this.oneWay || context == null || setter == null) {
			return;
		}
		SpanContext spanContext = Span.fromContext(context).getSpanContext();
		if (!spanContext.isValid()) {
			return;
		}
		String spanId = Long.toUnsignedString(Long.parseUnsignedLong(spanContext.getSpanId(), 16));
		StringBuilder value = new StringBuilder(MAX_LENGTH).append(spanContext.getTraceId())
			.append('/')
			.append(spanId);
		if (!isSamplingUndecided(context)) {
			value.append(OPTIONS_PREFIX).append(spanContext.isSampled() ? '1' : '0');
		}
		setter.set(carrier, FIELD, value.toString());
	}

	@Override
	public <C> Context extract(@Nullable Context context, @Nullable C carrier, @Nullable TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		if (getter == null) {
			return context;
		}
		SpanContext existing = Span.fromContext(context).getSpanContext();
		if (existing.isValid() && existing.isRemote()) {
			return context;
		}
		String value = HeaderValues.single(getter, carrier, FIELD);
		Parsed parsed = (value != null) ? parse(value) : null;
		if (parsed == null) {
			return context;
		}
		Context extracted = context.with(Span.wrap(parsed.spanContext()));
		return parsed.decided() ? extracted : extracted.with(SAMPLING_UNDECIDED, parsed.spanContext());
	}

	// Hand-written rather than a regex: this runs on every request, and the grammar is small
	// enough to check in one pass without allocating until the value is known to be valid.
	private static @Nullable Parsed parse(String value) {
		int length = value.length();
		if (length < MIN_LENGTH || length > MAX_LENGTH) {
			return null;
		}
		boolean upperCase = false;
		boolean nonZero = false;
		for (int i = 0; i < TRACE_ID_LENGTH; i++) {
			char c = value.charAt(i);
			if (c >= '0' && c <= '9') {
				nonZero |= (c != '0');
			}
			else if (c >= 'a' && c <= 'f') {
				nonZero = true;
			}
			else if (c >= 'A' && c <= 'F') {
				nonZero = true;
				upperCase = true;
			}
			else {
				return null;
			}
		}
		if (!nonZero) {
			return null;
		}
		int index = TRACE_ID_LENGTH;
		long spanId = 0;
		if (index < length && value.charAt(index) == '/') {
			int spanIdStart = ++index;
			while (index < length) {
				char c = value.charAt(index);
				if (c < '0' || c > '9') {
					break;
				}
				if (index - spanIdStart == MAX_SPAN_ID_DIGITS) {
					return null;
				}
				int digit = c - '0';
				if (Long.compareUnsigned(spanId, MAX_UNSIGNED_DIV_10) > 0
						|| (spanId == MAX_UNSIGNED_DIV_10 && digit > MAX_UNSIGNED_LAST_DIGIT)) {
					return null;
				}
				spanId = spanId * 10 + digit;
				index++;
			}
			if (index == spanIdStart || spanId == 0) {
				return null;
			}
		}
		boolean decided = index < length;
		boolean sampled = false;
		if (decided) {
			int optionsStart = index + OPTIONS_PREFIX.length();
			int optionsDigits = length - optionsStart;
			if (optionsDigits < 1 || optionsDigits > MAX_OPTIONS_DIGITS
					|| !value.startsWith(OPTIONS_PREFIX, index)) {
				return null;
			}
			for (int i = optionsStart; i < length; i++) {
				char c = value.charAt(i);
				if (c < '0' || c > '9') {
					return null;
				}
			}
			// Bit 0 of a decimal number is the parity of its last digit.
			sampled = ((value.charAt(length - 1) - '0') & 1) == 1;
		}
		String traceId = value.substring(0, TRACE_ID_LENGTH);
		if (upperCase) {
			traceId = traceId.toLowerCase(Locale.ROOT);
		}
		SpanContext spanContext = SpanContext.createFromRemoteParent(traceId,
				SpanId.fromLong((spanId != 0) ? spanId : randomSpanId()),
				sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
		return new Parsed(spanContext, decided);
	}

	// The SDK's IdGenerator would do the same, but the propagator only needs the API.
	private static long randomSpanId() {
		long spanId;
		do {
			spanId = ThreadLocalRandom.current().nextLong();
		}
		while (spanId == 0);
		return spanId;
	}

	@Override
	public String toString() {
		return this.oneWay ? "XCloudTraceContextPropagator{oneWay}" : "XCloudTraceContextPropagator";
	}

	private record Parsed(SpanContext spanContext, boolean decided) {

	}

}
