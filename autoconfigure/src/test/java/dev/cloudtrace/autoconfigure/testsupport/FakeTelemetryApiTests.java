package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class FakeTelemetryApiTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeTelemetryApi api;

	@BeforeEach
	void start() throws IOException {
		this.api = new FakeTelemetryApi();
	}

	@AfterEach
	void stop() {
		this.api.close();
	}

	@Test
	void decodesSpansExportedByOtlpHttpExporter() {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.api.tracesEndpoint())
			.setCompression("gzip")
			.addHeader("x-goog-user-project", "billing-project")
			.setHeaders(() -> Map.of("Authorization", "Bearer abc"))
			.build();
		Resource resource = Resource.getDefault()
			.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")));
		Span parent;
		Span child;
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setResource(resource)
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Tracer tracer = tracerProvider.get("fake-tests");
			parent = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
			try (Scope scope = parent.makeCurrent()) {
				child = tracer.spanBuilder("load order")
					.setAttribute("order.id", 42L)
					.setAttribute("cached", false)
					.setAttribute("ratio", 0.5)
					.startSpan();
				child.addEvent("cache miss");
				child.setStatus(StatusCode.ERROR, "boom");
				child.end();
			}
			parent.end();
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		}
		List<ReceivedSpan> spans = this.api.awaitSpans(2, Duration.ofSeconds(10));
		assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("load order", "GET /orders");
		ReceivedSpan received = named(spans, "load order");
		assertThat(received.traceId()).isEqualTo(parent.getSpanContext().getTraceId());
		assertThat(received.spanId()).isEqualTo(child.getSpanContext().getSpanId());
		assertThat(received.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		assertThat(received.kind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(received.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("order.id", 42L, "cached", false, "ratio", 0.5));
		assertThat(received.resourceAttributes()).containsEntry("service.name", "checkout")
			.containsEntry("telemetry.sdk.language", "java");
		assertThat(received.scopeName()).isEqualTo("fake-tests");
		assertThat(received.statusCode()).isEqualTo("ERROR");
		assertThat(received.statusMessage()).isEqualTo("boom");
		assertThat(received.eventNames()).containsExactly("cache miss");
		assertThat(received.endNanos()).isGreaterThanOrEqualTo(received.startNanos()).isPositive();
		assertThat(received.requestHeader("authorization")).isEqualTo("Bearer abc");
		assertThat(received.requestHeader("X-Goog-User-Project")).isEqualTo("billing-project");
		ReceivedSpan root = named(spans, "GET /orders");
		assertThat(root.parentSpanId()).isNull();
		assertThat(root.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(root.statusCode()).isEqualTo("UNSET");
		assertThat(this.api.requests()).allSatisfy((export) -> {
			assertThat(export.header("content-encoding")).isEqualTo("gzip");
			assertThat(export.header("content-type")).isEqualTo("application/x-protobuf");
		});
	}

	@Test
	void answersInjectedStatusWithRetryAfterUntilReset() throws Exception {
		this.api.respondWith(503, Duration.ofSeconds(7));
		HttpResponse<byte[]> failed = post("application/x-protobuf", oneSpanRequest().toByteArray());
		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(failed.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(com.google.rpc.Status.parseFrom(failed.body()).getCode())
			.isEqualTo(io.grpc.Status.Code.UNAVAILABLE.value());
		assertThat(post("application/x-protobuf", oneSpanRequest().toByteArray()).statusCode()).isEqualTo(503);
		this.api.reset();
		assertThat(post("application/x-protobuf", oneSpanRequest().toByteArray()).statusCode()).isEqualTo(200);
		assertThat(this.api.requestCount()).isEqualTo(3);
		assertThat(this.api.spans()).extracting(ReceivedSpan::name).containsExactly("raw");
	}

	@Test
	void failsOnlyTheNextRequestsWhenToldHowMany() throws Exception {
		this.api.failNext(1, 429);
		assertThat(post("application/x-protobuf", oneSpanRequest().toByteArray()).statusCode()).isEqualTo(429);
		assertThat(post("application/x-protobuf", oneSpanRequest().toByteArray()).statusCode()).isEqualTo(200);
	}

	@Test
	void exporterRetriesThroughInjectedFailures() {
		this.api.failNext(2, 503);
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.api.tracesEndpoint())
			.setRetryPolicy(RetryPolicy.builder().setInitialBackoff(Duration.ofMillis(10)).build())
			.build();
		CompletableResultCode result = exporter.export(TestSpans.one("retried")).join(10, TimeUnit.SECONDS);
		assertThat(result.isSuccess()).isTrue();
		assertThat(this.api.requestCount()).isEqualTo(3);
		assertThat(this.api.spans()).extracting(ReceivedSpan::name).containsExactly("retried");
		exporter.shutdown();
	}

	@Test
	void holdsRequestsWhileHangingAndDropsThemOnReset() throws Exception {
		this.api.hang();
		CompletableFuture<HttpResponse<byte[]>> response = this.client.sendAsync(request("application/x-protobuf",
				oneSpanRequest().toByteArray()), BodyHandlers.ofByteArray());
		await().atMost(Duration.ofSeconds(5)).until(() -> this.api.requestCount() == 1);
		Thread.sleep(200);
		assertThat(response).isNotDone();
		this.api.reset();
		assertThat(response).failsWithin(Duration.ofSeconds(5));
		assertThat(post("application/x-protobuf", oneSpanRequest().toByteArray()).statusCode()).isEqualTo(200);
		assertThat(this.api.spans()).hasSize(1);
	}

	@Test
	void rejectsRequestsThatAreNotProtobuf() throws Exception {
		assertThat(post("application/json", "{}".getBytes()).statusCode()).isEqualTo(415);
		assertThat(this.api.requestCount()).isEqualTo(1);
		assertThat(this.api.requests()).isEmpty();
	}

	@Test
	void awaitSpansFailsNamingWhatArrived() throws Exception {
		this.client.send(HttpRequest.newBuilder(URI.create(this.api.endpoint() + "/v1/metrics"))
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.discarding());
		post("application/x-protobuf", oneSpanRequest().toByteArray());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.api.awaitSpans(2, Duration.ofMillis(100)))
			.withMessageContaining("Expected at least 2 spans within PT0.1S but 1 arrived")
			.withMessageContaining("name=raw")
			.withMessageContaining("POST /v1/metrics");
	}

	@Test
	void clearForgetsWhatWasReceived() throws Exception {
		post("application/x-protobuf", oneSpanRequest().toByteArray());
		this.api.clear();
		assertThat(this.api.spans()).isEmpty();
		assertThat(this.api.requests()).isEmpty();
		assertThat(this.api.requestCount()).isZero();
	}

	private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	private HttpResponse<byte[]> post(String contentType, byte[] body) throws IOException, InterruptedException {
		return this.client.send(request(contentType, body), BodyHandlers.ofByteArray());
	}

	private HttpRequest request(String contentType, byte[] body) {
		return HttpRequest.newBuilder(URI.create(this.api.tracesEndpoint()))
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body))
			.build();
	}

	private static ExportTraceServiceRequest oneSpanRequest() {
		io.opentelemetry.proto.trace.v1.Span span = io.opentelemetry.proto.trace.v1.Span.newBuilder()
			.setName("raw")
			.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TestSpans.TRACE_ID)))
			.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("b7ad6b7169203331")))
			.build();
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
			.build();
	}

}
