package dev.cloudtrace.autoconfigure.sdk;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryGrpcApi;
import dev.cloudtrace.autoconfigure.testsupport.ServiceAccountKeys;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.grpc.Status;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReportingSpanExporter}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReportingSpanExporterTests {

	private static final List<SpanData> BATCH = List.of(span("a"), span("b"));

	private final ScriptedSpanExporter delegate = new ScriptedSpanExporter();

	private final AtomicLong dropped = new AtomicLong();

	private final ReportingSpanExporter exporter = new ReportingSpanExporter("cloudTraceSpanExporter", this.delegate,
			this.dropped::get);

	@Test
	void reportsOneWarningPerFailureEpisodeAndOneInfoWhenExportsWorkAgain(CapturedOutput output) {
		for (int i = 0; i < 20; i++) {
			this.delegate.next(CompletableResultCode.ofExceptionalFailure(new IOException("Connection reset")));
			assertThat(this.exporter.export(BATCH).isSuccess()).isFalse();
		}
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: Connection reset.")
			.contains("further failures are not logged")
			.doesNotContain("without details");
		this.exporter.export(BATCH);
		this.exporter.export(BATCH);
		assertThat(output).containsOnlyOnce("Exporting spans with cloudTraceSpanExporter works again, after 20 failed");
		this.delegate.next(CompletableResultCode.ofFailure());
		this.exporter.export(BATCH);
		assertThat(warnings(output)).hasSize(2).last().asString().contains("failed: the exporter gave no reason");
		assertThat(this.exporter.failedExports()).isEqualTo(21);
		assertThat(this.exporter.failedSpans()).isEqualTo(42);
		assertThat(this.exporter.exportedSpans()).isEqualTo(4);
	}

	@Test
	void keepsTheFailureEpisodeForHealthUntilAnExportSucceeds() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
		ReportingSpanExporter exporter = new ReportingSpanExporter("cloudTraceSpanExporter", this.delegate,
				this.dropped::get, clock);
		assertThat(exporter.episode()).isEqualTo(new ReportingSpanExporter.Episode(null, null, null, 0, 0));
		exporter.export(BATCH);
		clock.now = Instant.parse("2026-12-01T10:01:00Z");
		this.dropped.set(5);
		this.delegate.next(CompletableResultCode.ofExceptionalFailure(new IOException("Connection reset")));
		exporter.export(BATCH);
		clock.now = Instant.parse("2026-12-01T10:02:00Z");
		this.delegate.next(CompletableResultCode.ofFailure());
		exporter.export(BATCH);
		this.dropped.set(12);
		assertThat(exporter.episode()).isEqualTo(new ReportingSpanExporter.Episode(
				Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:01:00Z"), "Connection reset", 2, 7));
		clock.now = Instant.parse("2026-12-01T10:03:00Z");
		exporter.export(BATCH);
		assertThat(exporter.episode().failingSince()).isNull();
		assertThat(exporter.episode().failureReason()).isNull();
		assertThat(exporter.episode().lastSuccessfulExport()).isEqualTo(Instant.parse("2026-12-01T10:03:00Z"));
	}

	@Test
	void exceptionThrownByTheExporterFailsTheBatchWithoutStackTrace(CapturedOutput output) {
		this.delegate.throwNext(new IllegalStateException("channel closed"));
		CompletableResultCode result = this.exporter.export(BATCH);
		assertThat(result.isSuccess()).isFalse();
		assertThat(result.getFailureThrowable()).hasMessage("channel closed");
		assertThat(output).contains("failed: IllegalStateException: channel closed").doesNotContain("\tat ");
	}

	@Test
	void reportsFailureThatCompletesLater(CapturedOutput output) {
		CompletableResultCode pending = new CompletableResultCode();
		this.delegate.next(pending);
		this.exporter.export(BATCH);
		assertThat(warnings(output)).isEmpty();
		pending.failExceptionally(new IOException("request timed out"));
		assertThat(warnings(output)).singleElement().asString().contains("failed: request timed out");
	}

	@Test
	void reasonsAreStrippedOfCredentials(CapturedOutput output) {
		String pem = ServiceAccountKeys.generate().privateKeyPem();
		this.delegate.next(CompletableResultCode
			.ofExceptionalFailure(new IOException("rejected Authorization: Bearer fake-token-7 for key " + pem)));
		this.exporter.export(BATCH);
		assertThat(warnings(output)).singleElement().asString().contains("rejected Authorization: [redacted] for key");
		assertThat(output).doesNotContain("fake-token-7")
			.doesNotContain("Bearer ")
			.doesNotContain("PRIVATE KEY")
			.doesNotContain(pem.lines().skip(2).findFirst().orElseThrow());
	}

	@Test
	void describesErrorStatusOfOtlpEndpointByItsExceptionAndPointsToOpenTelemetrysOwnMessage(CapturedOutput output)
			throws Exception {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			api.respondWith(403);
			SpanExporter otlp = OtlpHttpSpanExporter.builder().setEndpoint(api.tracesEndpoint()).build();
			CompletableResultCode result = otlp.export(BATCH).join(10, TimeUnit.SECONDS);
			// The exception has neither message nor cause: the status is in OpenTelemetry's own log only.
			assertThat(ReportingSpanExporter.describe(result.getFailureThrowable())).isEqualTo("HttpExportException");
			assertThat(ReportingSpanExporter.hasMessage(result.getFailureThrowable())).isFalse();
			this.delegate.next(result);
			this.exporter.export(BATCH);
			assertThat(warnings(output)).singleElement()
				.asString()
				.contains("failed: HttpExportException, without details (logging.level.io.opentelemetry.exporter=warn "
						+ "logs OpenTelemetry's own message for each failure, with the endpoint's answer). Spans are");
			otlp.shutdown();
		}
	}

	@Test
	void describesErrorStatusOfOtlpGrpcEndpointByItsException() throws Exception {
		try (FakeTelemetryGrpcApi api = new FakeTelemetryGrpcApi()) {
			api.respondWith(Status.Code.PERMISSION_DENIED);
			SpanExporter otlp = OtlpGrpcSpanExporter.builder().setEndpoint(api.endpoint()).build();
			CompletableResultCode result = otlp.export(BATCH).join(10, TimeUnit.SECONDS);
			assertThat(ReportingSpanExporter.describe(result.getFailureThrowable())).isEqualTo("GrpcExportException");
			assertThat(ReportingSpanExporter.hasMessage(result.getFailureThrowable())).isFalse();
			otlp.shutdown();
		}
	}

	@Test
	void describesTheStatusThatTheMessageCarries(CapturedOutput output) {
		Throwable grpc = new CompletionException(Status.PERMISSION_DENIED
			.withDescription("caller lacks roles/telemetry.tracesWriter")
			.asRuntimeException());
		assertThat(ReportingSpanExporter.describe(grpc))
			.isEqualTo("StatusRuntimeException: PERMISSION_DENIED: caller lacks roles/telemetry.tracesWriter");
		Throwable http = new ExecutionException(new IllegalStateException("HTTP 503 Service Unavailable"));
		assertThat(ReportingSpanExporter.describe(http)).isEqualTo("IllegalStateException: HTTP 503 Service Unavailable");
		this.delegate.next(CompletableResultCode.ofExceptionalFailure(http));
		this.exporter.export(BATCH);
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("failed: IllegalStateException: HTTP 503 Service Unavailable. Spans are dropped")
			.doesNotContain("without details");
	}

	@Test
	void describesAFailureOnOneLine() {
		Throwable failure = new IllegalStateException("rejected:\n  quota exceeded\r\nretry later");
		assertThat(ReportingSpanExporter.describe(failure))
			.isEqualTo("IllegalStateException: rejected: quota exceeded retry later");
	}

	@Test
	void failureWithoutMessageSaysSoButAFailureWithoutThrowableDoesNot(CapturedOutput output) {
		// The message new Exception(cause) takes from its cause is the cause's type: no details either.
		Throwable wrapped = new Exception(new IllegalStateException());
		assertThat(ReportingSpanExporter.hasMessage(wrapped)).isFalse();
		assertThat(ReportingSpanExporter.hasMessage(new Exception(new IllegalStateException("closed")))).isTrue();
		assertThat(ReportingSpanExporter.hasMessage(null)).isFalse();
		this.delegate.next(CompletableResultCode.ofExceptionalFailure(wrapped));
		this.exporter.export(BATCH);
		this.exporter.export(BATCH);
		this.delegate.next(CompletableResultCode.ofFailure());
		this.exporter.export(BATCH);
		assertThat(warnings(output)).hasSize(2);
		assertThat(warnings(output).get(0)).contains("failed: IllegalStateException, without details");
		assertThat(warnings(output).get(1)).contains("failed: the exporter gave no reason. Spans are dropped");
	}

	@Test
	void describesRefusedConnection() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SpanExporter otlp = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + port + "/v1/traces")
			.setRetryPolicy(null)
			.setTimeout(Duration.ofSeconds(5))
			.build();
		CompletableResultCode result = otlp.export(BATCH).join(10, TimeUnit.SECONDS);
		assertThat(ReportingSpanExporter.describe(result.getFailureThrowable())).isEqualTo("ConnectException");
		otlp.shutdown();
	}

	@Test
	void reportsDroppedSpansOncePerEpisode(CapturedOutput output) {
		this.exporter.export(BATCH);
		this.dropped.set(90);
		this.exporter.export(BATCH);
		this.dropped.set(150);
		this.exporter.export(BATCH);
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("The export queue of cloudTraceSpanExporter is full, so new spans are dropped (90 so far)")
			.contains("cloudtrace.batch.max-queue-size");
		this.exporter.export(BATCH);
		this.exporter.export(BATCH);
		assertThat(output).containsOnlyOnce("The export queue of cloudTraceSpanExporter has room again; 150 span(s)");
		this.dropped.set(151);
		this.exporter.export(BATCH);
		assertThat(warnings(output)).hasSize(2);
	}

	@Test
	void dropsWhileExportsFailAddNoSecondWarning(CapturedOutput output) {
		this.delegate.next(CompletableResultCode.ofFailure());
		this.exporter.export(BATCH);
		this.dropped.set(40);
		this.delegate.next(CompletableResultCode.ofFailure());
		this.exporter.export(BATCH);
		assertThat(warnings(output)).singleElement().asString().contains("failed");
		this.exporter.export(BATCH);
		assertThat(output).contains("works again").contains("has room again; 40 span(s) were dropped");
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
	}

	private static SpanData span(String name) {
		return TestSpanData.builder()
			.setName(name)
			.setKind(SpanKind.INTERNAL)
			.setSpanContext(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
					TraceFlags.getSampled(), TraceState.getDefault()))
			.setStartEpochNanos(1_000)
			.setEndEpochNanos(2_000)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.build();
	}

	/**
	 * Answers each export with the next scripted result, and with success when none is left.
	 */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	private static final class ScriptedSpanExporter implements SpanExporter {

		private final Deque<Object> script = new ArrayDeque<>();

		void next(CompletableResultCode result) {
			this.script.add(result);
		}

		void throwNext(RuntimeException exception) {
			this.script.add(exception);
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			Object next = this.script.poll();
			if (next instanceof RuntimeException exception) {
				throw exception;
			}
			return (next != null) ? (CompletableResultCode) next : CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
