package dev.cloudtrace.autoconfigure.testsupport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The fault a fake injects into the requests it receives: none, a failure status, or hanging without an answer.
 */
final class Faults {

	private Outcome failure;

	private int remainingFailures;

	private CountDownLatch hang;

	/**
	 * Fails the next {@code times} requests ({@code -1} for every request until {@link #reset()}) with {@code code}.
	 */
	synchronized void failWith(int code, Duration retryAfter, int times) {
		if (times == 0 || times < -1) {
			throw new IllegalArgumentException("times must be positive or -1, was " + times);
		}
		this.failure = new Outcome(Kind.FAIL, code, retryAfter);
		this.remainingFailures = times;
	}

	synchronized void hang() {
		if (this.hang == null) {
			this.hang = new CountDownLatch(1);
		}
	}

	/**
	 * Ends every fault; requests held by {@link #hang()} are released to be dropped unanswered.
	 */
	synchronized void reset() {
		this.failure = null;
		this.remainingFailures = 0;
		if (this.hang != null) {
			this.hang.countDown();
			this.hang = null;
		}
	}

	/**
	 * Decides how to treat a request arriving now, blocking first while the fake hangs.
	 */
	Outcome next() {
		CountDownLatch latch;
		synchronized (this) {
			latch = this.hang;
			if (latch == null) {
				return consumeFailure();
			}
		}
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Outcome.DROP;
	}

	private Outcome consumeFailure() {
		Outcome outcome = this.failure;
		if (outcome == null) {
			return Outcome.ANSWER;
		}
		if (this.remainingFailures > 0 && --this.remainingFailures == 0) {
			this.failure = null;
		}
		return outcome;
	}

	enum Kind {

		ANSWER, FAIL, DROP

	}

	/**
	 * How to treat one request; {@code code} and {@code retryAfter} only matter for {@link Kind#FAIL}.
	 */
	record Outcome(Kind kind, int code, Duration retryAfter) {

		static final Outcome ANSWER = new Outcome(Kind.ANSWER, 0, null);

		static final Outcome DROP = new Outcome(Kind.DROP, 0, null);

	}

}
