package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Decides the traces that this service starts or decides for a remote parent: the first
 * {@link SamplingRule} whose path matches the span's {@code url.path} attribute (set when a
 * server span starts; the route is not known yet), else the default rule.
 * <p>
 * The trace-id ratio answers first, so services at the same probability still agree on a
 * trace; a rate limit then takes a token only for a trace the ratio let through.
 */
final class RuleBasedSampler implements Sampler {

	static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private final SamplingRule[] rules;

	private final SamplingRule defaultRule;

	RuleBasedSampler(List<SamplingRule> rules, SamplingRule defaultRule) {
		this.rules = rules.toArray(SamplingRule[]::new);
		this.defaultRule = defaultRule;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SamplingRule rule = ruleFor(attributes);
		SamplingResult result = rule.ratio()
			.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
		if (rule.limiter() != null && result.getDecision() == SamplingDecision.RECORD_AND_SAMPLE
				&& !rule.limiter().tryAcquire()) {
			return SamplingResult.drop();
		}
		return result;
	}

	private SamplingRule ruleFor(Attributes attributes) {
		if (this.rules.length > 0) {
			String path = attributes.get(URL_PATH);
			if (path != null) {
				for (SamplingRule rule : this.rules) {
					if (rule.paths().test(path)) {
						return rule;
					}
				}
			}
		}
		return this.defaultRule;
	}

	@Override
	public String getDescription() {
		StringBuilder description = new StringBuilder("RuleBased{");
		for (SamplingRule rule : this.rules) {
			description.append(rule).append(',');
		}
		return description.append("default:").append(this.defaultRule).append('}').toString();
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
