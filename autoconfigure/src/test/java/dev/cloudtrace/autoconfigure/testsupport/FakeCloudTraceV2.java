package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.Span.TimeEvent;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.SpanKind;

/**
 * Fake of the Cloud Trace v2 API ({@code google.devtools.cloudtrace.v2.TraceService}): serves {@code BatchWriteSpans}
 * and {@code CreateSpan} in plaintext on 127.0.0.1 and records the spans with their metadata.
 */
public final class FakeCloudTraceV2 extends GrpcFake<CloudTraceRequest, CloudTraceSpan> {

	private static final Pattern SPAN_NAME = Pattern.compile("projects/([^/]+)/traces/([^/]+)/spans/([^/]+)");

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeCloudTraceV2() throws IOException {
	}

	@Override
	protected ServerServiceDefinition service() {
		return new Service().bindService();
	}

	/**
	 * Returns the gRPC target, {@code 127.0.0.1:PORT} (plaintext).
	 */
	public String target() {
		return "127.0.0.1:" + port();
	}

	private void accept(String method, String projectName, List<Span> spans) {
		CloudTraceRequest request = new CloudTraceRequest(method, projectName, GrpcHeaderCapture.current(),
				List.copyOf(spans));
		accepted(request, spans.stream().map((span) -> toCloudTraceSpan(span, request)).toList());
	}

	private static CloudTraceSpan toCloudTraceSpan(Span span, CloudTraceRequest request) {
		Matcher name = SPAN_NAME.matcher(span.getName());
		boolean matches = name.matches();
		return new CloudTraceSpan(span.getName(), matches ? name.group(1) : null, matches ? name.group(2) : null,
				span.getSpanId(), span.getParentSpanId().isEmpty() ? null : span.getParentSpanId(),
				span.getDisplayName().getValue(), kind(span.getSpanKind()), attributes(span), span.getStatus().getCode(),
				span.getStatus().getMessage(),
				span.getTimeEvents()
					.getTimeEventList()
					.stream()
					.filter(TimeEvent::hasAnnotation)
					.map((event) -> event.getAnnotation().getDescription().getValue())
					.toList(),
				nanos(span.getStartTime()), nanos(span.getEndTime()), request.headers());
	}

	private static SpanKind kind(Span.SpanKind kind) {
		return switch (kind) {
			case INTERNAL -> SpanKind.INTERNAL;
			case SERVER -> SpanKind.SERVER;
			case CLIENT -> SpanKind.CLIENT;
			case PRODUCER -> SpanKind.PRODUCER;
			case CONSUMER -> SpanKind.CONSUMER;
			default -> null;
		};
	}

	private static Map<String, Object> attributes(Span span) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		span.getAttributes().getAttributeMapMap().forEach((key, value) -> attributes.put(key, value(value)));
		return Collections.unmodifiableMap(attributes);
	}

	private static Object value(AttributeValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue().getValue();
			case INT_VALUE -> value.getIntValue();
			case BOOL_VALUE -> value.getBoolValue();
			case VALUE_NOT_SET -> null;
		};
	}

	private static long nanos(Timestamp timestamp) {
		return timestamp.getSeconds() * 1_000_000_000L + timestamp.getNanos();
	}

	private final class Service extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void batchWriteSpans(BatchWriteSpansRequest request, StreamObserver<Empty> observer) {
			arrived();
			respond(observer, () -> {
				accept("BatchWriteSpans", request.getName(), request.getSpansList());
				return Empty.getDefaultInstance();
			});
		}

		@Override
		public void createSpan(Span request, StreamObserver<Span> observer) {
			arrived();
			respond(observer, () -> {
				accept("CreateSpan", null, List.of(request));
				return request;
			});
		}

	}

}
