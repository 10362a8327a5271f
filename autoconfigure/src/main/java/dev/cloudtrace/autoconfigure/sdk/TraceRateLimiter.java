package dev.cloudtrace.autoconfigure.sdk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket that admits at most a given number of traces per second, with bursts of up
 * to one second's worth (at least one trace), and never blocks or locks.
 * <p>
 * Kept as a single {@link AtomicLong}, the time at which the bucket would be full again if
 * nothing else were admitted (the "theoretical arrival time" of the generic cell rate
 * algorithm): admitting a trace moves it one interval ({@code 1 / rate} seconds) further,
 * and a trace is refused when that would put it more than a burst ahead of now. A request
 * thread makes one {@code compareAndSet}, and retries only when another thread admitted a
 * trace in between; a refused trace costs a read.
 */
final class TraceRateLimiter {

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private static final long MAX_INTERVAL_NANOS = Long.MAX_VALUE / 4;

	private final double tracesPerSecond;

	private final long intervalNanos;

	private final long burstNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong fullAt;

	/**
	 * Creates a limiter.
	 * @param tracesPerSecond the most traces per second, greater than 0
	 * @param nanoTime the clock, {@code System::nanoTime} but in tests
	 */
	TraceRateLimiter(double tracesPerSecond, LongSupplier nanoTime) {
		if (!(tracesPerSecond > 0.0 && tracesPerSecond <= NANOS_PER_SECOND)) {
			throw new IllegalArgumentException("tracesPerSecond must be greater than 0, not " + tracesPerSecond);
		}
		this.tracesPerSecond = tracesPerSecond;
		// Capped so that adding it to a clock value never wraps by more than the comparisons by
		// difference allow: a trace every 73 years is as good as none after the first.
		long interval = Math.round(NANOS_PER_SECOND / tracesPerSecond);
		this.intervalNanos = Math.max(1, Math.min(interval, MAX_INTERVAL_NANOS));
		// One second's worth of traces, at least one: the first is admitted at once, the others
		// while the bucket is at most (burst - 1) intervals ahead of now.
		double burst = Math.max(1.0, Math.floor(tracesPerSecond));
		this.burstNanos = Math.round((burst - 1.0) * NANOS_PER_SECOND / tracesPerSecond);
		this.nanoTime = nanoTime;
		this.fullAt = new AtomicLong(nanoTime.getAsLong());
	}

	/**
	 * Takes a token if one is left.
	 * @return whether the trace is admitted
	 */
	boolean tryAcquire() {
		long now = this.nanoTime.getAsLong();
		while (true) {
			long fullAt = this.fullAt.get();
			// Compared by difference, as System.nanoTime values must be.
			long start = (fullAt - now > 0) ? fullAt : now;
			if (start - now > this.burstNanos) {
				return false;
			}
			if (this.fullAt.compareAndSet(fullAt, start + this.intervalNanos)) {
				return true;
			}
		}
	}

	@Override
	public String toString() {
		return "RateLimit{" + this.tracesPerSecond + "/s}";
	}

}
