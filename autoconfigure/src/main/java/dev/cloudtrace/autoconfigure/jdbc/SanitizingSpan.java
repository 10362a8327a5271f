package dev.cloudtrace.autoconfigure.jdbc;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/**
 * A database span that records an exception without the values its message quotes (see
 * {@link SanitizedException}); everything else goes to the span it wraps.
 */
final class SanitizingSpan implements Span {

	private final Span delegate;

	SanitizingSpan(Span delegate) {
		this.delegate = delegate;
	}

	@Override
	public Span recordException(Throwable exception, Attributes additionalAttributes) {
		this.delegate.addEvent("exception", SanitizedException.attributes(exception, additionalAttributes));
		return this;
	}

	@Override
	public <T> Span setAttribute(AttributeKey<T> key, T value) {
		this.delegate.setAttribute(key, value);
		return this;
	}

	@Override
	public Span setAllAttributes(Attributes attributes) {
		this.delegate.setAllAttributes(attributes);
		return this;
	}

	@Override
	public Span addEvent(String name, Attributes attributes) {
		this.delegate.addEvent(name, attributes);
		return this;
	}

	@Override
	public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
		this.delegate.addEvent(name, attributes, timestamp, unit);
		return this;
	}

	@Override
	public Span addLink(SpanContext spanContext, Attributes attributes) {
		this.delegate.addLink(spanContext, attributes);
		return this;
	}

	@Override
	public Span setStatus(StatusCode statusCode, String description) {
		this.delegate.setStatus(statusCode, description);
		return this;
	}

	@Override
	public Span updateName(String name) {
		this.delegate.updateName(name);
		return this;
	}

	@Override
	public void end() {
		this.delegate.end();
	}

	@Override
	public void end(long timestamp, TimeUnit unit) {
		this.delegate.end(timestamp, unit);
	}

	@Override
	public SpanContext getSpanContext() {
		return this.delegate.getSpanContext();
	}

	@Override
	public boolean isRecording() {
		return this.delegate.isRecording();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
