package dev.cloudtrace.autoconfigure.propagation;

import java.util.Collection;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * {@link TextMapPropagator} for a service at a public edge: it reads the incoming trace
 * context but does not adopt it.
 * <p>
 * W3C Trace Context and OpenTelemetry advise services that receive requests from outside
 * not to trust the incoming context: adopting it lets a caller choose the trace a request
 * joins and, through the sampled flag, force (or suppress) recording. Extraction here
 * returns the given context with none of what the wrapped propagator found, except the
 * incoming span context kept under a private key (see {@link #incomingSpanContext}). The
 * request's span therefore starts a new trace and the sampler decides afresh, as for any
 * root span; {@link IncomingContextLinkProcessor} links that span to the incoming context
 * so the two traces can still be followed.
 * <p>
 * Incoming baggage is dropped as well: an edge cannot tell whether an entry is genuine,
 * and everything it keeps is forwarded to every service it calls, which may act on it. So
 * is the open sampling decision of an {@code X-Cloud-Trace-Context} header without
 * {@code ;o=}. Injection is unchanged: outgoing calls carry this service's own trace.
 */
public final class UntrustedContextPropagator implements TextMapPropagator {

	private static final ContextKey<SpanContext> INCOMING = ContextKey.named("cloudtrace-untrusted-incoming-context");

	private final TextMapPropagator delegate;

	private UntrustedContextPropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	/**
	 * Wraps a propagator.
	 * @param delegate the propagator that reads and writes the headers
	 * @return a propagator that injects as the delegate does but adopts nothing it extracts
	 */
	public static UntrustedContextPropagator wrap(TextMapPropagator delegate) {
		return new UntrustedContextPropagator(delegate);
	}

	/**
	 * Return the span context that arrived with a request and was not adopted.
	 * @param context a context derived from one returned by {@link #extract}, may be
	 * {@code null}
	 * @return the incoming span context, or {@code null} if there was none
	 */
	public static @Nullable SpanContext incomingSpanContext(@Nullable Context context) {
		return (context != null) ? context.get(INCOMING) : null;
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
	public <C> Context extract(@Nullable Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		Context extracted = this.delegate.extract(context, carrier, getter);
		if (extracted == context) {
			return context;
		}
		SpanContext incoming = Span.fromContext(extracted).getSpanContext();
		if (!incoming.isValid() || !incoming.isRemote()
				|| incoming == Span.fromContext(context).getSpanContext()) {
			return context;
		}
		return context.with(INCOMING, incoming);
	}

	@Override
	public String toString() {
		return "UntrustedContextPropagator{" + this.delegate + "}";
	}

}
