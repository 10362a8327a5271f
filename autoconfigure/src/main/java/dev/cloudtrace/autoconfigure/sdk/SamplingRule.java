package dev.cloudtrace.autoconfigure.sdk;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;

/**
 * How this service decides a trace whose first span matches a request path: a trace-id
 * ratio, then, if set, a rate limit on the traces the ratio let through.
 *
 * @param description the path pattern, for the sampler's description
 * @param paths whether a request path ({@code url.path}) matches, or {@code null} for the
 * default policy that applies to everything
 * @param ratio the trace-id ratio sampler
 * @param limiter the rate limit, or {@code null} for none
 */
record SamplingRule(String description, @Nullable Predicate<String> paths, Sampler ratio,
		@Nullable TraceRateLimiter limiter) {

	static SamplingRule create(String description, Predicate<String> paths, double probability,
			@Nullable Double rateLimit, LongSupplier nanoTime) {
		return new SamplingRule(description, paths, Sampler.traceIdRatioBased(probability),
				(rateLimit != null) ? new TraceRateLimiter(rateLimit, nanoTime) : null);
	}

	@Override
	public String toString() {
		return ((this.paths != null) ? this.description + "->" : "") + this.ratio.getDescription()
				+ ((this.limiter != null) ? "+" + this.limiter : "");
	}

}
