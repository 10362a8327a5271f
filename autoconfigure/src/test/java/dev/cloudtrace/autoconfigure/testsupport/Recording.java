package dev.cloudtrace.autoconfigure.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one fake received: every request counted on arrival, accepted requests and their spans recorded in order.
 *
 * @param <Q> the type of a recorded request
 * @param <S> the type of a recorded span
 */
final class Recording<Q, S> {

	private final AtomicInteger requestCount = new AtomicInteger();

	private final Arrivals<Q> requests = new Arrivals<>("requests");

	private final Arrivals<S> spans = new Arrivals<>("spans");

	private final List<String> unexpected = new CopyOnWriteArrayList<>();

	void arrived() {
		this.requestCount.incrementAndGet();
	}

	void unexpected(String description) {
		this.unexpected.add(description);
	}

	void accepted(Q request, List<S> spansOfRequest) {
		// Request first: whoever sees the spans must also find the request that carried them.
		this.requests.addAll(List.of(request));
		this.spans.addAll(spansOfRequest);
	}

	int requestCount() {
		return this.requestCount.get();
	}

	List<Q> requests() {
		return this.requests.snapshot();
	}

	List<S> spans() {
		return this.spans.snapshot();
	}

	List<S> awaitSpans(int count, Duration timeout) {
		return this.spans.await(count, timeout, this::diagnostics);
	}

	void clear() {
		this.requests.clear();
		this.spans.clear();
		this.requestCount.set(0);
		this.unexpected.clear();
	}

	private String diagnostics() {
		String text = "; requests received: " + this.requestCount.get() + ", accepted: " + this.requests.snapshot().size();
		return this.unexpected.isEmpty() ? text : text + "; unexpected requests: " + this.unexpected;
	}

}
