package dev.cloudtrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import dev.cloudtrace.autoconfigure.propagation.XCloudTraceContextPropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.jspecify.annotations.Nullable;

/**
 * Parent-based {@link Sampler} with a trace-id-ratio root that also decides for remote
 * parents whose {@code X-Cloud-Trace-Context} header carried no sampling decision, and, if
 * asked to, for remote parents that say "not sampled".
 * <p>
 * A parent without a decision has the default (not sampled) trace flags, so a plain
 * parent-based sampler would record none of the requests that Google's load balancers or
 * clients send without {@code ;o=}. This sampler lets the root ratio decide instead, as for
 * a new trace, while the span still continues the header's trace id.
 * <p>
 * With {@link RemoteParentNotSampled#DECIDE}, the root ratio also decides for a remote
 * parent that says "not sampled" ({@code traceparent} flag {@code 00}, or {@code ;o=0}),
 * again keeping its trace id: Cloud Run and Google's load balancers send such a parent with
 * most requests, because the platform samples only a small share for its own spans. The
 * ratio sampler decides by the trace id alone, so services that all decide this way with
 * the same probability agree on every trace. A sampled parent and a parent within this
 * process are always followed, as {@code Sampler.parentBased} does.
 * <p>
 * What this service decides (new traces, and the remote parents above) can also be capped:
 * by {@linkplain Builder#setRateLimit(double) a rate limit} and by
 * {@linkplain Builder#addRule(String, Predicate, double, Double) rules on the request path},
 * each a trace-id ratio followed by an optional rate limit, matched in order before the
 * default. Followed parents take no token of any limit.
 *
 * @see XCloudTraceContextPropagator#isSamplingUndecided(Context)
 */
public final class CloudTraceSampler implements Sampler {

	// The limiter counts in nanoseconds; one trace per nanosecond is no limit at all.
	private static final double MAX_RATE_LIMIT = 1_000_000_000.0;

	private final Sampler root;

	private final Sampler parentBased;

	private final RemoteParentNotSampled remoteParentNotSampled;

	private CloudTraceSampler(Sampler root, RemoteParentNotSampled remoteParentNotSampled) {
		this.root = root;
		this.remoteParentNotSampled = remoteParentNotSampled;
		this.parentBased = (remoteParentNotSampled == RemoteParentNotSampled.DECIDE)
				? Sampler.parentBasedBuilder(root).setRemoteParentNotSampled(root).build() : Sampler.parentBased(root);
	}

	/**
	 * Create a sampler that records the given fraction of new traces and of remote parents
	 * without a sampling decision, and follows the parent otherwise.
	 * @param probability the fraction of traces to record, from 0.0 to 1.0
	 * @return the sampler
	 * @throws IllegalArgumentException if the probability is outside 0.0 to 1.0 or not a number
	 */
	public static Sampler create(double probability) {
		return create(probability, RemoteParentNotSampled.FOLLOW);
	}

	/**
	 * Create a sampler that records the given fraction of new traces and of remote parents
	 * without a sampling decision, and either follows remote parents that say "not sampled"
	 * or decides for them with the same fraction.
	 * @param probability the fraction of traces to record, from 0.0 to 1.0
	 * @param remoteParentNotSampled what to do with a remote parent that says "not sampled"
	 * @return the sampler
	 * @throws IllegalArgumentException if the probability is outside 0.0 to 1.0 or not a number
	 */
	public static Sampler create(double probability, RemoteParentNotSampled remoteParentNotSampled) {
		checkProbability("probability", probability);
		if (remoteParentNotSampled == null) {
			throw new IllegalArgumentException("remoteParentNotSampled must not be null");
		}
		return new CloudTraceSampler(Sampler.traceIdRatioBased(probability), remoteParentNotSampled);
	}

	/**
	 * Returns a builder for a sampler that can also cap what this service decides with a
	 * rate limit and rules on the request path.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns what this sampler does with a remote parent that says "not sampled".
	 * @return follow or decide
	 */
	public RemoteParentNotSampled getRemoteParentNotSampled() {
		return this.remoteParentNotSampled;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		Sampler sampler = XCloudTraceContextPropagator.isSamplingUndecided(parentContext) ? this.root
				: this.parentBased;
		return sampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "CloudTraceSampler{" + this.parentBased.getDescription() + ",undecidedRemoteParent:"
				+ this.root.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

	private static void checkProbability(String name, double probability) {
		// The SDK's ratio sampler lets NaN through and then never samples.
		if (!(probability >= 0.0 && probability <= 1.0)) {
			throw new IllegalArgumentException(name + " must be from 0.0 to 1.0, not " + probability);
		}
	}

	private static void checkRateLimit(String name, @Nullable Double rateLimit) {
		if (rateLimit != null && !(rateLimit > 0.0 && rateLimit <= MAX_RATE_LIMIT)) {
			throw new IllegalArgumentException(name + " must be greater than 0, not " + rateLimit);
		}
	}

	/**
	 * Builds a {@link CloudTraceSampler}. By default it records every trace it decides and
	 * follows remote parents that say "not sampled".
	 */
	public static final class Builder {

		private double probability = 1.0;

		private RemoteParentNotSampled remoteParentNotSampled = RemoteParentNotSampled.FOLLOW;

		private @Nullable Double rateLimit;

		private final List<Rule> rules = new ArrayList<>();

		private LongSupplier nanoTime = System::nanoTime;

		private Builder() {
		}

		/**
		 * Sets the fraction of the traces this service decides that are recorded, unless a
		 * rule matches.
		 * @param probability from 0.0 to 1.0
		 * @return this builder
		 */
		public Builder setProbability(double probability) {
			checkProbability("probability", probability);
			this.probability = probability;
			return this;
		}

		/**
		 * Sets what to do with a remote parent that says "not sampled".
		 * @param remoteParentNotSampled follow or decide
		 * @return this builder
		 */
		public Builder setRemoteParentNotSampled(RemoteParentNotSampled remoteParentNotSampled) {
			if (remoteParentNotSampled == null) {
				throw new IllegalArgumentException("remoteParentNotSampled must not be null");
			}
			this.remoteParentNotSampled = remoteParentNotSampled;
			return this;
		}

		/**
		 * Caps the traces this service decides to record that match no rule, in traces per
		 * second, with bursts of up to one second's worth.
		 * @param tracesPerSecond greater than 0
		 * @return this builder
		 */
		public Builder setRateLimit(double tracesPerSecond) {
			checkRateLimit("rateLimit", tracesPerSecond);
			this.rateLimit = tracesPerSecond;
			return this;
		}

		/**
		 * Adds a rule, matched after the rules added before it and before the default: a
		 * trace whose first span's {@code url.path} matches is recorded with the rule's
		 * probability, capped by its rate limit if it has one, and takes nothing of the
		 * default's rate limit.
		 * @param description names the rule in the sampler's description, e.g. its path pattern
		 * @param paths whether a request path matches
		 * @param probability from 0.0 to 1.0
		 * @param tracesPerSecond the rule's rate limit, greater than 0, or {@code null} for none
		 * @return this builder
		 */
		public Builder addRule(String description, Predicate<String> paths, double probability,
				@Nullable Double tracesPerSecond) {
			if (paths == null) {
				throw new IllegalArgumentException("paths must not be null");
			}
			checkProbability("probability", probability);
			checkRateLimit("rateLimit", tracesPerSecond);
			this.rules.add(new Rule(description, paths, probability, tracesPerSecond));
			return this;
		}

		// The clock of the rate limits, so that tests can drive them.
		Builder setNanoTime(LongSupplier nanoTime) {
			this.nanoTime = nanoTime;
			return this;
		}

		/**
		 * Builds the sampler.
		 * @return the sampler
		 */
		public CloudTraceSampler build() {
			if (this.rules.isEmpty() && this.rateLimit == null) {
				return new CloudTraceSampler(Sampler.traceIdRatioBased(this.probability), this.remoteParentNotSampled);
			}
			List<SamplingRule> rules = this.rules.stream()
				.map((rule) -> SamplingRule.create(rule.description(), rule.paths(), rule.probability(),
						rule.rateLimit(), this.nanoTime))
				.toList();
			SamplingRule defaultRule = SamplingRule.create("default", null, this.probability, this.rateLimit,
					this.nanoTime);
			return new CloudTraceSampler(new RuleBasedSampler(rules, defaultRule), this.remoteParentNotSampled);
		}

		private record Rule(String description, Predicate<String> paths, double probability, Double rateLimit) {

		}

	}

}
