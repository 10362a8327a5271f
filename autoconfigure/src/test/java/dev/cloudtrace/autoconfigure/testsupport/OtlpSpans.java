package dev.cloudtrace.autoconfigure.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.Event;

/**
 * Flattens a decoded OTLP export into {@link ReceivedSpan}s.
 */
final class OtlpSpans {

	private static final HexFormat HEX = HexFormat.of();

	private OtlpSpans() {
	}

	static List<ReceivedSpan> of(ReceivedExport export) {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (ResourceSpans resourceSpans : export.request().getResourceSpansList()) {
			Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					spans.add(new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()),
							span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()), span.getName(),
							kind(span.getKind()), attributes(span.getAttributesList()), resource,
							scopeSpans.getScope().getName(), statusCode(span.getStatus().getCode()),
							span.getStatus().getMessage(), span.getEventsList().stream().map(Event::getName).toList(),
							span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), export.headers()));
				}
			}
		}
		return spans;
	}

	private static String hex(ByteString bytes) {
		return HEX.formatHex(bytes.toByteArray());
	}

	private static SpanKind kind(Span.SpanKind kind) {
		return switch (kind) {
			case SPAN_KIND_INTERNAL -> SpanKind.INTERNAL;
			case SPAN_KIND_SERVER -> SpanKind.SERVER;
			case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
			case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
			case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
			default -> null;
		};
	}

	private static String statusCode(io.opentelemetry.proto.trace.v1.Status.StatusCode code) {
		return switch (code) {
			case STATUS_CODE_OK -> "OK";
			case STATUS_CODE_ERROR -> "ERROR";
			case STATUS_CODE_UNSET -> "UNSET";
			default -> code.name();
		};
	}

	private static Map<String, Object> attributes(List<KeyValue> keyValues) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		keyValues.forEach((keyValue) -> attributes.put(keyValue.getKey(), value(keyValue.getValue())));
		return Collections.unmodifiableMap(attributes);
	}

	private static Object value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> value.getBoolValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case BYTES_VALUE -> value.getBytesValue().toByteArray();
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpSpans::value).toList();
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			case VALUE_NOT_SET -> null;
		};
	}

}
