package dev.cloudtrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the sampler: parent-based, with a trace-id ratio for root spans, an
 * optional rate limit, and rules on the request path.
 */
@ConfigurationProperties("cloudtrace.sampler")
public class SamplerProperties implements InitializingBean {

	private static final String PROBABILITY = "use a number from 0.0 to 1.0.";

	/**
	 * Probability, from 0.0 to 1.0, that a new trace is sampled. Spans with a sampled parent
	 * or a parent within this process follow it; see remote-parent-not-sampled for a parent
	 * that arrives with the request and says "not sampled".
	 */
	private double probability = 1.0;

	/**
	 * What to do when the parent that arrives with a request says "not sampled" (traceparent
	 * flag 00, X-Cloud-Trace-Context ';o=0'): 'follow' records nothing; 'decide' keeps the
	 * parent's trace id and lets the probability decide, as for a new trace. Defaults to
	 * 'decide' on Google Cloud, where Cloud Run and Google's load balancers send an unsampled
	 * parent with most requests, and to 'follow' elsewhere. Services that all decide with the
	 * same probability agree on every trace, because the trace-id ratio gives the same answer
	 * for the same trace id; with different probabilities, or behind a caller that samples by
	 * something else than this ratio, a trace can lack some services' spans. With
	 * cloudtrace.propagation.trust-incoming=false no request has a remote parent, and this
	 * has no effect.
	 */
	private @Nullable RemoteParentNotSampled remoteParentNotSampled;

	/**
	 * Most traces per second that this instance decides to record (new traces, and remote
	 * parents it decides for) among requests that match no rule, with bursts of up to one
	 * second's worth. A trace whose parent is followed takes nothing of it. None by default.
	 */
	private @Nullable Double rateLimit;

	/**
	 * Rules matched in order, before probability and rate-limit, on the path of the request
	 * that starts or decides the trace; the first rule whose path matches decides.
	 */
	private List<Rule> rules = new ArrayList<>();

	public double getProbability() {
		return this.probability;
	}

	public void setProbability(double probability) {
		this.probability = probability;
	}

	public @Nullable RemoteParentNotSampled getRemoteParentNotSampled() {
		return this.remoteParentNotSampled;
	}

	public void setRemoteParentNotSampled(@Nullable RemoteParentNotSampled remoteParentNotSampled) {
		this.remoteParentNotSampled = remoteParentNotSampled;
	}

	public @Nullable Double getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(@Nullable Double rateLimit) {
		this.rateLimit = rateLimit;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * Returns what to do with an unsampled remote parent: the configured value, or the
	 * default of the platform.
	 * @param platform where the application runs
	 * @return follow or decide
	 */
	RemoteParentNotSampled remoteParentNotSampled(DeploymentPlatform platform) {
		if (this.remoteParentNotSampled != null) {
			return this.remoteParentNotSampled;
		}
		return platform.isOnGoogleCloud() ? RemoteParentNotSampled.DECIDE : RemoteParentNotSampled.FOLLOW;
	}

	@Override
	public void afterPropertiesSet() {
		InvalidCloudTracePropertyException.check(this.probability >= 0.0 && this.probability <= 1.0,
				"cloudtrace.sampler.probability", this.probability, PROBABILITY);
		checkRateLimit("cloudtrace.sampler.rate-limit", this.rateLimit);
		for (int i = 0; i < this.rules.size(); i++) {
			Rule rule = this.rules.get(i);
			String prefix = "cloudtrace.sampler.rules[" + i + "].";
			InvalidCloudTracePropertyException.check(rule.getPath() != null, prefix + "path", null,
					"every rule needs a path pattern, e.g. /checkout/** or /health.");
			InvalidCloudTracePropertyException.check(rule.getProbability() >= 0.0 && rule.getProbability() <= 1.0,
					prefix + "probability", rule.getProbability(), PROBABILITY);
			checkRateLimit(prefix + "rate-limit", rule.getRateLimit());
		}
	}

	private static void checkRateLimit(String property, @Nullable Double rateLimit) {
		// At most one trace per nanosecond, the limiter's unit: more would be no limit.
		InvalidCloudTracePropertyException.check(rateLimit == null || (rateLimit > 0.0 && rateLimit <= 1e9), property,
				rateLimit, "use a number of traces per second greater than 0 (e.g. 0.5 or 10), or leave it unset "
						+ "for no limit.");
	}

	/**
	 * How the traces that start at matching requests are sampled.
	 */
	public static class Rule {

		/**
		 * Path pattern of the request, in Spring MVC syntax as for
		 * cloudtrace.http.server.excluded-paths (e.g. /checkout/** or /health), matched
		 * against url.path, the path as sent (with the servlet context path, if any).
		 */
		private @Nullable String path;

		/**
		 * Probability, from 0.0 to 1.0, that a trace this service decides at a matching
		 * request is sampled.
		 */
		private double probability = 1.0;

		/**
		 * Most traces per second that this instance records at matching requests, with
		 * bursts of up to one second's worth; they take nothing of cloudtrace.sampler.rate-limit.
		 * None by default.
		 */
		private @Nullable Double rateLimit;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public double getProbability() {
			return this.probability;
		}

		public void setProbability(double probability) {
			this.probability = probability;
		}

		public @Nullable Double getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(@Nullable Double rateLimit) {
			this.rateLimit = rateLimit;
		}

	}

}
