package dev.cloudtrace.autoconfigure.jdbc;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Span builder of the JDBC instrumentation: starts no span without a parent unless root
 * spans are wanted, wraps each span it starts in a {@link SanitizingSpan} when errors are
 * sanitized, and renames the attributes of a connection span with sqlcommenter.
 */
final class DatabaseSpanBuilder implements SpanBuilder {

	private final SpanBuilder delegate;

	private final boolean rootSpans;

	private final boolean sanitizeErrors;

	private final @Nullable ConnectionSpanNaming naming;

	private @Nullable Context parent;

	private boolean noParent;

	DatabaseSpanBuilder(SpanBuilder delegate, boolean rootSpans, boolean sanitizeErrors,
			@Nullable ConnectionSpanNaming naming) {
		this.delegate = delegate;
		this.rootSpans = rootSpans;
		this.sanitizeErrors = sanitizeErrors;
		this.naming = naming;
	}

	@Override
	public SpanBuilder setParent(Context context) {
		this.parent = context;
		this.noParent = false;
		this.delegate.setParent(context);
		return this;
	}

	@Override
	public SpanBuilder setNoParent() {
		this.noParent = true;
		this.delegate.setNoParent();
		return this;
	}

	@Override
	public SpanBuilder addLink(SpanContext spanContext) {
		this.delegate.addLink(spanContext);
		return this;
	}

	@Override
	public SpanBuilder addLink(SpanContext spanContext, Attributes attributes) {
		this.delegate.addLink(spanContext, attributes);
		return this;
	}

	@Override
	public SpanBuilder setAttribute(String key, String value) {
		this.delegate.setAttribute(key, (this.naming != null) ? (String) this.naming.value(value) : value);
		return this;
	}

	@Override
	public SpanBuilder setAttribute(String key, long value) {
		this.delegate.setAttribute(key, value);
		return this;
	}

	@Override
	public SpanBuilder setAttribute(String key, double value) {
		this.delegate.setAttribute(key, value);
		return this;
	}

	@Override
	public SpanBuilder setAttribute(String key, boolean value) {
		this.delegate.setAttribute(key, value);
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
		this.delegate.setAttribute(key, (this.naming != null) ? (T) this.naming.value(value) : value);
		return this;
	}

	@Override
	public SpanBuilder setAllAttributes(Attributes attributes) {
		this.delegate.setAllAttributes((this.naming != null) ? this.naming.attributes(attributes) : attributes);
		return this;
	}

	@Override
	public SpanBuilder setSpanKind(SpanKind spanKind) {
		this.delegate.setSpanKind(spanKind);
		return this;
	}

	@Override
	public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
		this.delegate.setStartTimestamp(startTimestamp, unit);
		return this;
	}

	@Override
	public Span startSpan() {
		if (!this.rootSpans && !hasParent()) {
			return Span.getInvalid();
		}
		Span span = this.delegate.startSpan();
		return this.sanitizeErrors ? new SanitizingSpan(span) : span;
	}

	private boolean hasParent() {
		if (this.noParent) {
			return false;
		}
		Context context = (this.parent != null) ? this.parent : Context.current();
		return Span.fromContext(context).getSpanContext().isValid();
	}

}
