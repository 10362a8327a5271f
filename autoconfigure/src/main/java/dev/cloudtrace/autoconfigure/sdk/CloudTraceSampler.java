package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;

import dev.cloudtrace.autoconfigure.propagation.XCloudTraceContextPropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Parent-based {@link Sampler} with a trace-id-ratio root that also decides for remote
 * parents whose {@code X-Cloud-Trace-Context} header carried no sampling decision.
 * <p>
 * Such a parent has the default (not sampled) trace flags, so a plain parent-based sampler
 * would record none of the requests that Google's load balancers or clients send without
 * {@code ;o=}. This sampler lets the root ratio decide instead, as for a new trace, while the
 * span still continues the header's trace id. Every other parent, including one from a
 * {@code traceparent} header, is followed as {@code Sampler.parentBased} does.
 *
 * @see XCloudTraceContextPropagator#isSamplingUndecided(Context)
 */
public final class CloudTraceSampler implements Sampler {

	private final Sampler root;

	private final Sampler parentBased;

	private CloudTraceSampler(Sampler root) {
		this.root = root;
		this.parentBased = Sampler.parentBased(root);
	}

	/**
	 * Create a sampler that records the given fraction of new traces and of remote parents
	 * without a sampling decision, and follows the parent otherwise.
	 * @param probability the fraction of traces to record, from 0.0 to 1.0
	 * @return the sampler
	 * @throws IllegalArgumentException if the probability is outside 0.0 to 1.0 or not a number
	 */
	public static Sampler create(double probability) {
		// The SDK's ratio sampler lets NaN through and then never samples.
		if (!(probability >= 0.0 && probability <= 1.0)) {
			throw new IllegalArgumentException("probability must be from 0.0 to 1.0, not " + probability);
		}
		return new CloudTraceSampler(Sampler.traceIdRatioBased(probability));
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

}
