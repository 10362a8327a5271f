package dev.cloudtrace.autoconfigure.export.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceBuffer}, on spans built by hand and a clock set by the test.
 */
class TraceBufferTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration GRACE = Duration.ofSeconds(2);

	private final AtomicLong nanoTime = new AtomicLong();

	private final TraceBuffer buffer = new TraceBuffer(this.nanoTime::get, TIMEOUT, GRACE, 2, 3, null);

	@Test
	void handsOutTraceWhenItsRootArrives() {
		assertThat(add(FinishedSpans.child("00000000000000b2", "00000000000000a1", "work"))).isEmpty();
		assertThat(add(FinishedSpans.root("00000000000000a1", "GET /orders"))).singleElement()
			.satisfies((trace) -> assertThat(trace).extracting(SpanData::getName)
				.containsExactly("work", "GET /orders"));
		assertThat(drain()).isEmpty();
	}

	@Test
	void handsOutTraceWithoutRootWhenTimeoutPasses() {
		add(FinishedSpans.child("00000000000000b2", "00000000000000a1", "work"));
		this.nanoTime.set(TIMEOUT.toNanos() - 1);
		assertThat(expired()).isEmpty();
		this.nanoTime.set(TIMEOUT.toNanos());
		assertThat(expired()).hasSize(1);
	}

	@Test
	void waitsGracePeriodForTheCallerOfASpanWithRemoteParent() {
		add(FinishedSpans.span(FinishedSpans.TRACE_ID, "00000000000000c3", "00000000000000b2", true, "callee", 3, 7,
				StatusData.unset()));
		this.nanoTime.set(GRACE.toNanos() - 1);
		assertThat(expired()).isEmpty();
		this.nanoTime.set(GRACE.toNanos());
		assertThat(expired()).singleElement().satisfies((trace) -> assertThat(trace).hasSize(1));
	}

	@Test
	void handsOutEldestTraceWhenFull() {
		add(FinishedSpans.span("00000000000000000000000000000001", "00000000000000b2", "00000000000000a1", false,
				"first", 0, 1, StatusData.unset()));
		add(FinishedSpans.span("00000000000000000000000000000002", "00000000000000b2", "00000000000000a1", false,
				"second", 0, 1, StatusData.unset()));
		assertThat(add(FinishedSpans.span("00000000000000000000000000000003", "00000000000000b2", "00000000000000a1",
				false, "third", 0, 1, StatusData.unset())))
			.singleElement()
			.satisfies((trace) -> assertThat(trace).extracting(SpanData::getName).containsExactly("first"));
		assertThat(drain()).hasSize(2);
	}

	@Test
	void handsOutOversizedTraceInParts() {
		for (int i = 1; i <= 3; i++) {
			assertThat(add(FinishedSpans.child("00000000000000b" + i, "00000000000000a1", "child-" + i))).isEmpty();
		}
		assertThat(add(FinishedSpans.child("00000000000000b4", "00000000000000a1", "child-4"))).singleElement()
			.satisfies((trace) -> assertThat(trace).hasSize(3));
		assertThat(drain()).singleElement()
			.satisfies((trace) -> assertThat(trace).extracting(SpanData::getName).containsExactly("child-4"));
	}

	@Test
	void handsOutEverythingOnShutdownAndRefusesLaterSpans() {
		add(FinishedSpans.child("00000000000000b2", "00000000000000a1", "work"));
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.shutdown(traces);
		assertThat(traces).hasSize(1);
		assertThat(this.buffer.add(List.of(FinishedSpans.root("00000000000000a1", "GET /orders")), traces)).isFalse();
		assertThat(traces).hasSize(1);
		assertThat(expired()).isEmpty();
	}

	@Test
	void runsTheCheckOnADaemonThreadFromTheFirstSpansUntilShutdown() throws InterruptedException {
		CountDownLatch checked = new CountDownLatch(1);
		AtomicReference<Thread> checker = new AtomicReference<>();
		TraceBuffer checking = new TraceBuffer(System::nanoTime, TIMEOUT, GRACE, 2, 3, () -> {
			checker.set(Thread.currentThread());
			checked.countDown();
		});
		checking.add(List.of(FinishedSpans.root("00000000000000a1", "GET /orders")), new ArrayList<>());
		assertThat(checked.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(checker.get().getName()).isEqualTo(TraceBuffer.THREAD_NAME);
		assertThat(checker.get().isDaemon()).isTrue();
		checking.shutdown(new ArrayList<>());
		checker.get().join(TimeUnit.SECONDS.toMillis(5));
		assertThat(checker.get().isAlive()).isFalse();
	}

	private List<List<SpanData>> add(SpanData span) {
		List<List<SpanData>> traces = new ArrayList<>();
		assertThat(this.buffer.add(List.of(span), traces)).isTrue();
		return traces;
	}

	private List<List<SpanData>> expired() {
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.expired(traces);
		return traces;
	}

	private List<List<SpanData>> drain() {
		List<List<SpanData>> traces = new ArrayList<>();
		this.buffer.drain(traces);
		return traces;
	}

}
