package dev.cloudtrace.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;

/**
 * Spans finished by one application under test, recorded in memory.
 */
public final class RecordedSpans {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	/**
	 * A processor to define as a {@code SpanProcessor} bean. The exporter itself must not be
	 * a bean, or it would also be wrapped in a batch processor.
	 * @return a processor that exports every finished span at once
	 */
	public SpanProcessor processor() {
		return SimpleSpanProcessor.create(this.exporter);
	}

	public List<SpanData> all() {
		return this.exporter.getFinishedSpanItems();
	}

	public void clear() {
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

}
