package dev.cloudtrace.autoconfigure.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Thread-safe, ordered list of what a fake received, with a bounded wait for more to arrive.
 *
 * @param <T> the type of what arrives
 */
final class Arrivals<T> {

	private final String what;

	private final List<T> items = new ArrayList<>();

	Arrivals(String what) {
		this.what = what;
	}

	synchronized void addAll(Collection<? extends T> arrived) {
		this.items.addAll(arrived);
		notifyAll();
	}

	synchronized List<T> snapshot() {
		return List.copyOf(this.items);
	}

	synchronized void clear() {
		this.items.clear();
	}

	/**
	 * Waits until at least {@code count} items have arrived and returns all of them.
	 * @throws AssertionError naming what did arrive, plus {@code diagnostics}, when the timeout elapses first
	 */
	synchronized List<T> await(int count, Duration timeout, Supplier<String> diagnostics) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.items.size() < count) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("Expected at least %d %s within %s but %d arrived: %s%s".formatted(count,
						this.what, timeout, this.items.size(), this.items, diagnostics.get()));
			}
			try {
				wait(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + this.what, ex);
			}
		}
		return List.copyOf(this.items);
	}

}
