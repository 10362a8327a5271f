package com.example.compat;

import java.util.Map;

/**
 * A span as the fake OTLP endpoint received it: ids in lower-case hex (the parent's empty for a
 * root span), the kind without its {@code SPAN_KIND_} prefix, attribute values as text.
 */
record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
		long startEpochNanos, Map<String, String> attributes, Map<String, String> resource) {

	@Override
	public String toString() {
		return this.kind + " " + this.name + " (trace " + this.traceId + ", span " + this.spanId + ", parent "
				+ (this.parentSpanId.isEmpty() ? "none" : this.parentSpanId) + ", " + this.attributes + ")";
	}

}
