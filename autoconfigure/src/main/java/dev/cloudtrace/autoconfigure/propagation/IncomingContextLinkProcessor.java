package dev.cloudtrace.autoconfigure.propagation;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * {@link SpanProcessor} that links each root span started for an untrusted request to the
 * trace context the request arrived with.
 * <p>
 * Works with {@link UntrustedContextPropagator}, which keeps that context out of the parent
 * slot: the server span (or, on an excluded path, the first span the request starts) gets
 * no parent, and this processor adds a link to the incoming span context instead, as
 * OpenTelemetry recommends for public endpoints. Spans with a parent are left alone, so
 * only the first span of the request carries the link.
 */
public final class IncomingContextLinkProcessor implements SpanProcessor {

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (span.getParentSpanContext().isValid()) {
			return;
		}
		SpanContext incoming = UntrustedContextPropagator.incomingSpanContext(parentContext);
		if (incoming != null) {
			span.addLink(incoming);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

}
