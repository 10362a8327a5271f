package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.devtools.cloudtrace.v2.AttributeValue;
import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc;
import com.google.devtools.cloudtrace.v2.TraceServiceGrpc.TraceServiceBlockingStub;
import com.google.devtools.cloudtrace.v2.TruncatableString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FakeCloudTraceV2Tests {

	private static final String SPAN_NAME = "projects/my-project/traces/" + TestSpans.TRACE_ID
			+ "/spans/b7ad6b7169203331";

	private FakeCloudTraceV2 cloudTrace;

	private ManagedChannel channel;

	private TraceServiceBlockingStub stub;

	@BeforeEach
	void start() throws IOException {
		this.cloudTrace = new FakeCloudTraceV2();
		this.channel = ManagedChannelBuilder.forTarget(this.cloudTrace.target()).usePlaintext().build();
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer v2-token");
		headers.put(Metadata.Key.of("x-goog-user-project", Metadata.ASCII_STRING_MARSHALLER), "billing-project");
		this.stub = TraceServiceGrpc.newBlockingStub(this.channel)
			.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
			.withDeadlineAfter(10, TimeUnit.SECONDS);
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		this.cloudTrace.close();
	}

	@Test
	void recordsBatchWrittenSpansWithMetadata() {
		this.stub.batchWriteSpans(
				BatchWriteSpansRequest.newBuilder().setName("projects/my-project").addSpans(span()).build());
		List<CloudTraceSpan> spans = this.cloudTrace.awaitSpans(1, Duration.ofSeconds(5));
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo(SPAN_NAME);
			assertThat(span.projectId()).isEqualTo("my-project");
			assertThat(span.traceId()).isEqualTo(TestSpans.TRACE_ID);
			assertThat(span.spanId()).isEqualTo("b7ad6b7169203331");
			assertThat(span.parentSpanId()).isEqualTo("00f067aa0ba902b7");
			assertThat(span.displayName()).isEqualTo("GET /orders");
			assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
			assertThat(span.attributes()).containsEntry("/http/method", "GET")
				.containsEntry("/http/status_code", 200L)
				.containsEntry("cached", true);
			assertThat(span.statusCode()).isEqualTo(13);
			assertThat(span.statusMessage()).isEqualTo("boom");
			assertThat(span.annotations()).containsExactly("cache miss");
			assertThat(span.startNanos()).isEqualTo(10_000_000_005L);
			assertThat(span.endNanos()).isEqualTo(11_000_000_000L);
			assertThat(span.requestHeader("Authorization")).isEqualTo("Bearer v2-token");
			assertThat(span.requestHeader("x-goog-user-project")).isEqualTo("billing-project");
		});
		assertThat(this.cloudTrace.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("BatchWriteSpans");
			assertThat(request.projectName()).isEqualTo("projects/my-project");
		});
	}

	@Test
	void answersCreateSpanWithTheSpan() {
		Span answer = this.stub.createSpan(span());
		assertThat(answer).isEqualTo(span());
		assertThat(this.cloudTrace.requests()).singleElement()
			.satisfies((request) -> assertThat(request.method()).isEqualTo("CreateSpan"));
		assertThat(this.cloudTrace.spans()).extracting(CloudTraceSpan::displayName).containsExactly("GET /orders");
	}

	@Test
	void failsCallsWithInjectedCodeUntilReset() {
		BatchWriteSpansRequest request = BatchWriteSpansRequest.newBuilder()
			.setName("projects/my-project")
			.addSpans(span())
			.build();
		this.cloudTrace.respondWith(Status.Code.PERMISSION_DENIED);
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> this.stub.batchWriteSpans(request))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
		assertThat(this.cloudTrace.spans()).isEmpty();
		this.cloudTrace.reset();
		this.stub.batchWriteSpans(request);
		assertThat(this.cloudTrace.requestCount()).isEqualTo(2);
		assertThat(this.cloudTrace.spans()).hasSize(1);
	}

	private static Span span() {
		return Span.newBuilder()
			.setName(SPAN_NAME)
			.setSpanId("b7ad6b7169203331")
			.setParentSpanId("00f067aa0ba902b7")
			.setDisplayName(truncatable("GET /orders"))
			.setSpanKind(Span.SpanKind.SERVER)
			.setStartTime(Timestamp.newBuilder().setSeconds(10).setNanos(5))
			.setEndTime(Timestamp.newBuilder().setSeconds(11))
			.setAttributes(Span.Attributes.newBuilder()
				.putAttributeMap("/http/method", AttributeValue.newBuilder().setStringValue(truncatable("GET")).build())
				.putAttributeMap("/http/status_code", AttributeValue.newBuilder().setIntValue(200).build())
				.putAttributeMap("cached", AttributeValue.newBuilder().setBoolValue(true).build()))
			.setStatus(com.google.rpc.Status.newBuilder().setCode(13).setMessage("boom"))
			.setTimeEvents(Span.TimeEvents.newBuilder()
				.addTimeEvent(Span.TimeEvent.newBuilder()
					.setAnnotation(Span.TimeEvent.Annotation.newBuilder().setDescription(truncatable("cache miss")))))
			.build();
	}

	private static TruncatableString truncatable(String value) {
		return TruncatableString.newBuilder().setValue(value).build();
	}

}
