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
	 * Probability, from 0.0 to 1.0, that a new trace is sampled. Spans with a parent follow
	 * the parent's decision.
	 */
	private double probability = 1.0;

	public double getProbability() {
		return this.probability;
	}

	public void setProbability(double probability) {
		this.probability = probability;
	}

	@Override
	public void afterPropertiesSet() {
		InvalidCloudTracePropertyException.check(this.probability >= 0.0 && this.probability <= 1.0,
				"cloudtrace.sampler.probability", this.probability, "use a number from 0.0 to 1.0.");
	}

}
