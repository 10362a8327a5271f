package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cloudtrace.autoconfigure.testsupport.BlockingSpanExporter;
import dev.cloudtrace.autoconfigure.testsupport.RecordingSpanExporter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestStartExportProcessor}.
 */
class RequestStartExportProcessorTests {

	private static final Duration INTERVAL = Duration.ofHours(1);

	private static final SpanContext REMOTE_PARENT = SpanContext.createFromRemoteParent(
			"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

	private final FlushCountingProcessor batch = new FlushCountingProcessor();

	@Test
	void asksForExportWhenRequestStartsWhileSpansWait() {
		try (SdkTracerProvider tracerProvider = tracerProvider(Sampler.alwaysOn(), Duration.ZERO)) {
			Tracer tracer = tracerProvider.get("test");
			tracer.spanBuilder("earlier request").setSpanKind(SpanKind.SERVER).startSpan().end();
			assertThat(this.batch.flushes).hasValue(0);
			tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan().end();
			assertThat(this.batch.flushes).hasValue(1);
			tracer.spanBuilder("request with remote parent")
				.setParent(Context.root().with(Span.wrap(REMOTE_PARENT)))
				.setSpanKind(SpanKind.SERVER)
				.startSpan()
				.end();
			assertThat(this.batch.flushes).hasValue(2);
		}
	}

	@Test
	void doesNotAskWhenNoSpanWaits() {
		try (SdkTracerProvider tracerProvider = tracerProvider(Sampler.alwaysOn(), Duration.ZERO)) {
			tracerProvider.get("test").spanBuilder("first request").setSpanKind(SpanKind.SERVER).startSpan();
			assertThat(this.batch.flushes).hasValue(0);
		}
	}

	@Test
	void onlyTheFirstSpanOfAServerRequestAsks() {
		try (SdkTracerProvider tracerProvider = tracerProvider(Sampler.alwaysOn(), Duration.ZERO)) {
			Tracer tracer = tracerProvider.get("test");
			tracer.spanBuilder("ended").startSpan().end();
			tracer.spanBuilder("internal root").startSpan().end();
			tracer.spanBuilder("client root").setSpanKind(SpanKind.CLIENT).startSpan().end();
			Span local = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "b7ad6b7169203331",
					TraceFlags.getSampled(), TraceState.getDefault()));
			tracer.spanBuilder("server under a local parent")
				.setParent(Context.root().with(local))
				.setSpanKind(SpanKind.SERVER)
				.startSpan()
				.end();
			assertThat(this.batch.flushes).hasValue(0);
		}
	}

	@Test
	void asksAtMostOncePerInterval() {
		try (SdkTracerProvider tracerProvider = tracerProvider(Sampler.alwaysOn(), INTERVAL)) {
			Tracer tracer = tracerProvider.get("test");
			for (int i = 0; i < 5; i++) {
				tracer.spanBuilder("request " + i).setSpanKind(SpanKind.SERVER).startSpan().end();
			}
			// The first request found nothing waiting; the second asked; the rest fall within the interval.
			assertThat(this.batch.flushes).hasValue(1);
		}
	}

	@Test
	void spansRecordedButNotSampledDoNotCount() {
		Sampler recordOnly = new Sampler() {

			@Override
			public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
					Attributes attributes, List<LinkData> parentLinks) {
				return SamplingResult.recordOnly();
			}

			@Override
			public String getDescription() {
				return "recordOnly";
			}

		};
		try (SdkTracerProvider tracerProvider = tracerProvider(recordOnly, Duration.ZERO)) {
			Tracer tracer = tracerProvider.get("test");
			tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan().end();
			tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan().end();
			assertThat(this.batch.flushes).hasValue(0);
		}
	}

	@Test
	void batchProcessorExportsWaitingSpansWhenARequestStartsRatherThanAfterItsDelay() {
		RecordingSpanExporter exporter = new RecordingSpanExporter();
		SpanProcessor processor = new RequestStartExportProcessor(
				BatchSpanProcessor.builder(exporter).setScheduleDelay(INTERVAL).build(), Duration.ofMillis(1));
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			Tracer tracer = tracerProvider.get("test");
			tracer.spanBuilder("earlier request").setSpanKind(SpanKind.SERVER).startSpan().end();
			Span request = tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> exporter.getSpans().stream().map(SpanData::getName).toList(),
						(names) -> names.equals(List.of("earlier request")));
			request.end();
		}
	}

	@Test
	void requestThreadNeverWaitsForTheExport() {
		CountDownLatch release = new CountDownLatch(1);
		SpanProcessor processor = new RequestStartExportProcessor(
				BatchSpanProcessor.builder(new BlockingSpanExporter(release)).setScheduleDelay(INTERVAL).build(),
				Duration.ofMillis(1));
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
		try {
			Tracer tracer = tracerProvider.get("test");
			tracer.spanBuilder("earlier request").setSpanKind(SpanKind.SERVER).startSpan().end();
			long started = System.nanoTime();
			for (int i = 0; i < 3; i++) {
				tracer.spanBuilder("request " + i).setSpanKind(SpanKind.SERVER).startSpan().end();
				sleep(Duration.ofMillis(5));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			release.countDown();
			tracerProvider.shutdown();
		}
	}

	@Test
	void delegatesFlushAndShutdown() {
		RequestStartExportProcessor processor = new RequestStartExportProcessor(this.batch, INTERVAL);
		processor.forceFlush();
		assertThat(this.batch.flushes).hasValue(1);
		assertThat(processor.shutdown().isSuccess()).isTrue();
		assertThat(this.batch.shutdowns).hasValue(1);
		assertThat(processor).hasToString("RequestStartExportProcessor{counting,intervalNanos=3600000000000}");
	}

	private SdkTracerProvider tracerProvider(Sampler sampler, Duration interval) {
		return SdkTracerProvider.builder()
			.setSampler(sampler)
			.addSpanProcessor(new RequestStartExportProcessor(this.batch, interval))
			.build();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stands for a batch span processor: counts what it is asked to do.
	 */
	private static final class FlushCountingProcessor implements SpanProcessor {

		private final AtomicInteger flushes = new AtomicInteger();

		private final AtomicInteger shutdowns = new AtomicInteger();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		public CompletableResultCode forceFlush() {
			this.flushes.incrementAndGet();
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.shutdowns.incrementAndGet();
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public String toString() {
			return "counting";
		}

	}

}
