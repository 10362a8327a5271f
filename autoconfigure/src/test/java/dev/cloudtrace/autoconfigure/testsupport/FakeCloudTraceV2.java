package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.time.Duration;
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
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.SpanKind;

/**
 * Fake of the Cloud Trace v2 API ({@code google.devtools.cloudtrace.v2.TraceService}): serves {@code BatchWriteSpans}
 * and {@code CreateSpan} in plaintext on 127.0.0.1 and records the spans with their metadata.
 * <p>
 * Every call is counted on arrival; only those answered {@code OK} are recorded. Faults last until {@link #reset()}.
 */
public final class FakeCloudTraceV2 implements AutoCloseable {

	private static final Pattern SPAN_NAME = Pattern.compile("projects/([^/]+)/traces/([^/]+)/spans/([^/]+)");

	private final Recording<CloudTraceRequest, CloudTraceSpan> recording = new Recording<>();

	private final GrpcFakeServer server;

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeCloudTraceV2() throws IOException {
		this.server = new GrpcFakeServer(new Service().bindService());
	}

	/**
	 * Returns the gRPC target, {@code 127.0.0.1:PORT} (plaintext).
	 */
	public String target() {
		return "127.0.0.1:" + port();
	}

	/**
	 * Returns the bound port.
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the calls answered {@code OK}, in order of arrival.
	 */
	public List<CloudTraceRequest> requests() {
		return this.recording.requests();
	}

	/**
	 * Returns the spans of every call answered {@code OK}, in order of arrival.
	 */
	public List<CloudTraceSpan> spans() {
		return this.recording.spans();
	}

	/**
	 * Waits until at least {@code count} spans have been received and returns all received so far.
	 * @throws AssertionError listing what did arrive when {@code timeout} elapses first
	 */
	public List<CloudTraceSpan> awaitSpans(int count, Duration timeout) {
		return this.recording.awaitSpans(count, timeout);
	}

	/**
	 * Returns how many calls arrived, including those failed or held by a fault.
	 */
	public int requestCount() {
		return this.recording.requestCount();
	}

	/**
	 * Fails every call with {@code code} until {@link #reset()}.
	 */
	public void respondWith(Status.Code code) {
		this.server.faults().failWith(code.value(), null, -1);
	}

	/**
	 * Fails the next {@code times} calls with {@code code}, then answers normally again.
	 */
	public void failNext(int times, Status.Code code) {
		this.server.faults().failWith(code.value(), null, times);
	}

	/**
	 * Accepts calls but never answers them; {@link #reset()} fails them with {@code UNAVAILABLE}.
	 */
	public void hang() {
		this.server.faults().hang();
	}

	/**
	 * Ends any fault: calls are answered normally again.
	 */
	public void reset() {
		this.server.faults().reset();
	}

	/**
	 * Forgets everything received so far, including the request count; faults stay as they are.
	 */
	public void clear() {
		this.recording.clear();
	}

	@Override
	public void close() {
		this.server.close();
	}

	private void accept(String method, String projectName, List<Span> spans) {
		CloudTraceRequest request = new CloudTraceRequest(method, projectName, GrpcHeaderCapture.current(),
				List.copyOf(spans));
		this.recording.accepted(request, spans.stream().map((span) -> toCloudTraceSpan(span, request)).toList());
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
			FakeCloudTraceV2.this.recording.arrived();
			FakeCloudTraceV2.this.server.respond(observer, () -> {
				accept("BatchWriteSpans", request.getName(), request.getSpansList());
				return Empty.getDefaultInstance();
			});
		}

		@Override
		public void createSpan(Span request, StreamObserver<Span> observer) {
			FakeCloudTraceV2.this.recording.arrived();
			FakeCloudTraceV2.this.server.respond(observer, () -> {
				accept("CreateSpan", null, List.of(request));
				return request;
			});
		}

	}

}
