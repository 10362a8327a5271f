package dev.cloudtrace.autoconfigure.sdk;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the sampler: parent-based, with a trace-id ratio for root spans.
 */
@ConfigurationProperties("cloudtrace.sampler")
public class SamplerProperties implements InitializingBean {

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
	private RemoteParentNotSampled remoteParentNotSampled;

	public double getProbability() {
		return this.probability;
	}

	public void setProbability(double probability) {
		this.probability = probability;
	}

	public RemoteParentNotSampled getRemoteParentNotSampled() {
		return this.remoteParentNotSampled;
	}

	public void setRemoteParentNotSampled(RemoteParentNotSampled remoteParentNotSampled) {
		this.remoteParentNotSampled = remoteParentNotSampled;
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
				"cloudtrace.sampler.probability", this.probability, "use a number from 0.0 to 1.0.");
	}

}
