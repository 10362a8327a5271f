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
 *
 * @see XCloudTraceContextPropagator#isSamplingUndecided(Context)
 */
public final class CloudTraceSampler implements Sampler {

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
		// The SDK's ratio sampler lets NaN through and then never samples.
		if (!(probability >= 0.0 && probability <= 1.0)) {
			throw new IllegalArgumentException("probability must be from 0.0 to 1.0, not " + probability);
		}
		if (remoteParentNotSampled == null) {
			throw new IllegalArgumentException("remoteParentNotSampled must not be null");
		}
		return new CloudTraceSampler(Sampler.traceIdRatioBased(probability), remoteParentNotSampled);
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

}
