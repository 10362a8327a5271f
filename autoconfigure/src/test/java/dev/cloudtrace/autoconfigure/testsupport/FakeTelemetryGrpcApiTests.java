package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Status;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FakeTelemetryGrpcApiTests {

	private FakeTelemetryGrpcApi api;

	private OtlpGrpcSpanExporter exporter;

	@BeforeEach
	void start() throws IOException {
		this.api = new FakeTelemetryGrpcApi();
		this.exporter = OtlpGrpcSpanExporter.builder()
			.setEndpoint(this.api.endpoint())
			.setCompression("gzip")
			.setTimeout(Duration.ofSeconds(2))
			.setRetryPolicy(null)
			.addHeader("x-goog-user-project", "billing-project")
			.setHeaders(() -> Map.of("authorization", "Bearer grpc-token"))
			.build();
	}

	@AfterEach
	void stop() {
		this.exporter.shutdown().join(5, TimeUnit.SECONDS);
		this.api.close();
	}

	@Test
	void decodesSpansExportedByOtlpGrpcExporter() {
		assertThat(export("over grpc").isSuccess()).isTrue();
		List<ReceivedSpan> spans = this.api.awaitSpans(1, Duration.ofSeconds(5));
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("over grpc");
			assertThat(span.traceId()).isEqualTo(TestSpans.TRACE_ID);
			assertThat(span.spanId()).isEqualTo("b7ad6b7169203331");
			assertThat(span.parentSpanId()).isNull();
			assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(span.startNanos()).isEqualTo(1_000);
			assertThat(span.endNanos()).isEqualTo(2_000);
			assertThat(span.requestHeader("Authorization")).isEqualTo("Bearer grpc-token");
			assertThat(span.requestHeader("x-goog-user-project")).isEqualTo("billing-project");
		});
		assertThat(this.api.requests()).singleElement()
			.satisfies((export) -> assertThat(export.header("grpc-encoding")).isEqualTo("gzip"));
	}

	@Test
	void failsCallsWithInjectedCodeUntilReset() {
		this.api.respondWith(Status.Code.UNAVAILABLE);
		assertThat(export("refused").isSuccess()).isFalse();
		assertThat(this.api.requestCount()).isEqualTo(1);
		assertThat(this.api.spans()).isEmpty();
		this.api.reset();
		assertThat(export("accepted").isSuccess()).isTrue();
		assertThat(this.api.spans()).extracting(ReceivedSpan::name).containsExactly("accepted");
	}

	@Test
	void failsOnlyTheNextCallsWhenToldHowMany() {
		this.api.failNext(1, Status.Code.RESOURCE_EXHAUSTED);
		assertThat(export("refused").isSuccess()).isFalse();
		assertThat(export("accepted").isSuccess()).isTrue();
		assertThat(this.api.requestCount()).isEqualTo(2);
	}

	@Test
	void hangingCallsTimeOutInTheClient() {
		this.api.hang();
		assertThat(export("lost").isSuccess()).isFalse();
		assertThat(this.api.requestCount()).isEqualTo(1);
		this.api.reset();
		assertThat(export("found").isSuccess()).isTrue();
		assertThat(this.api.spans()).extracting(ReceivedSpan::name).containsExactly("found");
	}

	private CompletableResultCode export(String name) {
		return this.exporter.export(TestSpans.one(name)).join(10, TimeUnit.SECONDS);
	}

}
