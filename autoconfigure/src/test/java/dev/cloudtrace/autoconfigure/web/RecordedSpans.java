package dev.cloudtrace.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;

/**
 * Spans finished by one application under test, recorded in memory.
 */
public final class RecordedSpans {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(2);

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * A processor to define as a {@code SpanProcessor} bean. The exporter itself must not be
	 * a bean, or it would also be wrapped in a batch processor.
	 * @return a processor that exports every finished span at once
	 */
	public SpanProcessor processor() {
		return new InFlightCountingProcessor(SimpleSpanProcessor.create(this.exporter));
	}

	public List<SpanData> all() {
		return this.exporter.getFinishedSpanItems();
	}

	/**
	 * Forgets the spans recorded so far, once the spans already started have ended (at most
	 * two seconds): a server span ends after its response has been written, and must not
	 * turn up among the next test's spans.
	 */
	public void clear() {
		long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
		}
		this.exporter.reset();
	}

	/**
	 * Waits for a span: server spans end after the response has been written.
	 * @param condition what the span must satisfy
	 * @return the first matching span
	 */
	public SpanData await(Predicate<SpanData> condition) {
		return Awaitility.await()
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> find(condition), Optional::isPresent)
			.get();
	}

	public SpanData awaitServer(String name) {
		return await((span) -> span.getKind() == SpanKind.SERVER && span.getName().equals(name));
	}

	public SpanData awaitClient(Predicate<SpanData> condition) {
		return await((span) -> span.getKind() == SpanKind.CLIENT && condition.test(span));
	}

	public Optional<SpanData> find(Predicate<SpanData> condition) {
		return all().stream().filter(condition).findFirst();
	}

	public List<SpanData> ofKind(SpanKind kind) {
		return all().stream().filter((span) -> span.getKind() == kind).toList();
	}

	private final class InFlightCountingProcessor implements SpanProcessor {

		private final SpanProcessor delegate;

		InFlightCountingProcessor(SpanProcessor delegate) {
			this.delegate = delegate;
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			RecordedSpans.this.inFlight.incrementAndGet();
			this.delegate.onStart(parentContext, span);
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.delegate.onEnd(span);
			RecordedSpans.this.inFlight.decrementAndGet();
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

		@Override
		public CompletableResultCode forceFlush() {
			return this.delegate.forceFlush();
		}

	}

}
