package dev.cloudtrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TraceRateLimiter}, on a clock that the test moves.
 */
class TraceRateLimiterTests {

	private final AtomicLong now = new AtomicLong(-5_000_000_000L);

	@Test
	void admitsOneSecondsWorthAtOnceThenNothingUntilTimePasses() {
		TraceRateLimiter limiter = new TraceRateLimiter(10, this.now::get);
		assertThat(admitted(limiter, 100)).isEqualTo(10);
		advanceMillis(99);
		assertThat(limiter.tryAcquire()).isFalse();
		advanceMillis(1);
		assertThat(limiter.tryAcquire()).isTrue();
		assertThat(limiter.tryAcquire()).isFalse();
	}

	@Test
	void refillsAtTheRateUpToOneSecondsWorth() {
		TraceRateLimiter limiter = new TraceRateLimiter(10, this.now::get);
		admitted(limiter, 100);
		advanceMillis(500);
		assertThat(admitted(limiter, 100)).isEqualTo(5);
		advanceMillis(60_000);
		assertThat(admitted(limiter, 100)).isEqualTo(10);
	}

	// The tolerance: over T seconds of steady load above the limit, the limiter admits
	// limit * T, plus the one second's worth it starts with, give or take one trace.
	@ParameterizedTest(name = "{0} per second")
	@ValueSource(doubles = { 0.5, 1, 7, 100, 1000 })
	void admitsTheRateUnderSteadyLoadForTenSeconds(double rate) {
		TraceRateLimiter limiter = new TraceRateLimiter(rate, this.now::get);
		int admitted = 0;
		// 2,000 requests per second for 10 seconds: one every 500 microseconds.
		for (int i = 0; i < 20_000; i++) {
			admitted += limiter.tryAcquire() ? 1 : 0;
			this.now.addAndGet(500_000);
		}
		double expected = rate * 10 + Math.max(1, Math.floor(rate));
		assertThat((double) admitted).isBetween(expected - 1, expected + 1);
	}

	@Test
	void admitsEveryTraceBelowTheRate() {
		TraceRateLimiter limiter = new TraceRateLimiter(10, this.now::get);
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.tryAcquire()).isTrue();
			advanceMillis(101);
		}
	}

	@Test
	void admitsOneTraceAtOnceBelowOnePerSecond() {
		TraceRateLimiter limiter = new TraceRateLimiter(0.5, this.now::get);
		assertThat(admitted(limiter, 10)).isEqualTo(1);
		advanceMillis(1_999);
		assertThat(limiter.tryAcquire()).isFalse();
		advanceMillis(1);
		assertThat(limiter.tryAcquire()).isTrue();
	}

	@Test
	void admitsOneTraceAtATinyRateAndNoMoreForAYear() {
		TraceRateLimiter limiter = new TraceRateLimiter(1e-15, this.now::get);
		assertThat(admitted(limiter, 10)).isEqualTo(1);
		advanceMillis(TimeUnit.DAYS.toMillis(365));
		assertThat(admitted(limiter, 10)).isZero();
	}

	@Test
	void admitsBurstAfterIdleWhateverTheClockValue() {
		this.now.set(Long.MAX_VALUE - 500_000_000L);
		TraceRateLimiter limiter = new TraceRateLimiter(4, this.now::get);
		assertThat(admitted(limiter, 10)).isEqualTo(4);
		// System.nanoTime may overflow; the limiter compares by difference.
		advanceMillis(1_000);
		assertThat(admitted(limiter, 10)).isEqualTo(4);
	}

	@Test
	void admitsExactlyTheBurstUnderContention() throws Exception {
		TraceRateLimiter limiter = new TraceRateLimiter(1000, this.now::get);
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(executor.submit(() -> {
					start.await();
					return admitted(limiter, 10_000);
				}));
			}
			start.countDown();
			int admitted = 0;
			for (Future<Integer> result : results) {
				admitted += result.get(30, TimeUnit.SECONDS);
			}
			assertThat(admitted).isEqualTo(1000);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(doubles = { 0, -1, Double.NaN, Double.POSITIVE_INFINITY, 2e9 })
	void rejectsRatesThatAreNotPositive(double rate) {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceRateLimiter(rate, this.now::get));
	}

	private static int admitted(TraceRateLimiter limiter, int tries) {
		int admitted = 0;
		for (int i = 0; i < tries; i++) {
			admitted += limiter.tryAcquire() ? 1 : 0;
		}
		return admitted;
	}

	private void advanceMillis(long millis) {
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
