package dev.cloudtrace.autoconfigure.export;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeferredSpanExporter}.
 */
class DeferredSpanExporterTests {

	private final AtomicInteger builds = new AtomicInteger();

	private final InMemorySpanExporter built = InMemorySpanExporter.create();

	private final DeferredSpanExporter exporter = new DeferredSpanExporter(() -> {
		this.builds.incrementAndGet();
		return this.built;
	}, "InMemory{}");

	@Test
	void buildsNothingUntilTheFirstExport() {
		assertThat(this.exporter.flush().isSuccess()).isTrue();
		assertThat(this.exporter).hasToString("InMemory{} (built on first export)");
		assertThat(this.builds).hasValue(0);
		assertThat(this.exporter.export(List.of()).isSuccess()).isTrue();
		assertThat(this.builds).hasValue(1);
		assertThat(this.exporter).hasToString(this.built.toString());
	}

	@Test
	void shutdownBeforeAnyExportBuildsNothingAndLaterExportsFail() {
		assertThat(this.exporter.shutdown().isSuccess()).isTrue();
		assertThat(this.builds).hasValue(0);
		assertThat(this.exporter.export(List.of()).isSuccess()).isFalse();
		assertThat(this.builds).hasValue(0);
	}

	@Test
	void shutdownAfterAnExportShutsTheDelegateDown() {
		this.exporter.export(List.of());
		this.exporter.shutdown();
		CompletableResultCode afterShutdown = this.built.export(List.of());
		assertThat(afterShutdown.isSuccess()).isFalse();
	}

	@Test
	void concurrentFirstExportsBuildOnce() throws Exception {
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<SpanExporter>> delegates = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				delegates.add(executor.submit(() -> {
					start.await();
					return this.exporter.delegate();
				}));
			}
			start.countDown();
			for (Future<SpanExporter> delegate : delegates) {
				assertThat(delegate.get(10, TimeUnit.SECONDS)).isSameAs(this.built);
			}
			assertThat(this.builds).hasValue(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void spansReachTheDelegate() {
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build()) {
			tracerProvider.get("test").spanBuilder("do_work").startSpan().end();
			assertThat(this.built.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("do_work");
		}
		assertThat(this.builds).hasValue(1);
	}

}
