package dev.cloudtrace.autoconfigure.web;

import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * {@link SpanProcessor} that redacts credentials in the {@code url.full} and
 * {@code url.query} attributes of every span as it starts; see
 * {@link SensitiveQueryParameters} for the parameters.
 * <p>
 * A processor rather than an attributes extractor of each instrumentation: it needs no
 * copy of how each library builds those attributes (such as the user info it strips from
 * {@code url.full}), and it covers every instrumentation that records them. The HTTP
 * instrumentation sets both attributes when the span starts, before any exporter sees it.
 */
public final class UrlRedactingSpanProcessor implements SpanProcessor {

	static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		redact(span, URL_QUERY, SensitiveQueryParameters::redactQuery);
		redact(span, URL_FULL, SensitiveQueryParameters::redactUrl);
	}

	private static void redact(ReadWriteSpan span, AttributeKey<String> key, UnaryOperator<String> redaction) {
		String value = span.getAttribute(key);
		if (value == null) {
			return;
		}
		String redacted = redaction.apply(value);
		if (redacted != value) {
			span.setAttribute(key, redacted);
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
