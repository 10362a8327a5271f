package dev.cloudtrace.autoconfigure.sdk;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import dev.cloudtrace.autoconfigure.web.server.ExcludedPaths;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the rate limit and the path rules of {@link CloudTraceSampler}, on a clock that
 * the test moves.
 */
class CloudTraceSamplerLimitsTests {

	private static final String PARENT_SPAN_ID = "b7ad6b7169203331";

	private final AtomicLong now = new AtomicLong();

	private final Random random = new Random(16);

	@Test
	void capsNewTracesAtTheRateUnderSteadyLoad() {
		Sampler sampler = builder().setRateLimit(20).build();
		int sampled = 0;
		// 500 new traces per second for 8 seconds.
		for (int i = 0; i < 4_000; i++) {
			sampled += sampled(sampler, Context.root(), "/orders") ? 1 : 0;
			this.now.addAndGet(2_000_000);
		}
		// 20 per second for 8 seconds, plus the first second's burst of 20, within one trace.
		assertThat(sampled).isBetween(179, 181);
	}

	@Test
	void admitsBurstOfOneSecondsWorth() {
		Sampler sampler = builder().setRateLimit(50).build();
		assertThat(sampledOf(sampler, Context.root(), "/orders", 1_000)).isEqualTo(50);
		this.now.addAndGet(100_000_000);
		assertThat(sampledOf(sampler, Context.root(), "/orders", 1_000)).isEqualTo(5);
	}

	@Test
	void takesTokensOnlyForTracesTheProbabilityLetsThrough() {
		Sampler sampler = builder().setProbability(0.5).setRateLimit(1_000).build();
		int sampled = sampledOf(sampler, Context.root(), "/orders", 1_000);
		// The ratio decides first: about half, and none of the other half took a token.
		assertThat(sampled).isBetween(430, 570);
		Sampler ratio = Sampler.traceIdRatioBased(0.5);
		for (int i = 0; i < 100; i++) {
			String traceId = traceId();
			if (decide(sampler, Context.root(), traceId, "/orders")) {
				assertThat(decide(ratio, Context.root(), traceId, "/orders")).isTrue();
			}
		}
	}

	@Test
	void followsSampledRemoteParentWithoutTakingAToken() {
		Sampler sampler = builder().setProbability(0.0).setRateLimit(1).build();
		Context sampledParent = remoteParent("01");
		assertThat(sampledOf(sampler, sampledParent, "/orders", 100)).isEqualTo(100);
		// Probability 0 decides no new trace, limit or not.
		assertThat(sampledOf(sampler, Context.root(), "/orders", 100)).isZero();
	}

	@Test
	void followsSampledParentsBeyondTheLimit() {
		Sampler sampler = builder().setRateLimit(1).build();
		assertThat(sampledOf(sampler, Context.root(), "/orders", 10)).isEqualTo(1);
		assertThat(sampledOf(sampler, remoteParent("01"), "/orders", 10)).isEqualTo(10);
	}

	@Test
	void followsUnsampledRemoteParentUnlessAskedToDecide() {
		Sampler following = builder().setRateLimit(5).build();
		assertThat(sampledOf(following, remoteParent("00"), "/orders", 100)).isZero();
		Sampler deciding = builder().setRateLimit(5).setRemoteParentNotSampled(RemoteParentNotSampled.DECIDE).build();
		assertThat(sampledOf(deciding, remoteParent("00"), "/orders", 100)).isEqualTo(5);
	}

	@Test
	void matchesRulesInOrderBeforeTheDefault() {
		Sampler sampler = builder().setProbability(0.0)
			.addRule("/api/checkout/**", paths("/api/checkout/**"), 1.0, null)
			.addRule("/api/**", paths("/api/**"), 0.0, null)
			.addRule("/api/orders", paths("/api/orders"), 1.0, null)
			.build();
		assertThat(sampledOf(sampler, Context.root(), "/api/checkout/42", 100)).isEqualTo(100);
		// The second rule matches first, so the third never decides.
		assertThat(sampledOf(sampler, Context.root(), "/api/orders", 100)).isZero();
		assertThat(sampledOf(sampler, Context.root(), "/other", 100)).isZero();
	}

	@Test
	void usesTheDefaultForSpansWithoutAPath() {
		Sampler sampler = builder().setProbability(1.0).addRule("/**", paths("/**"), 0.0, null).build();
		assertThat(sampledOf(sampler, Context.root(), null, 100)).isEqualTo(100);
		assertThat(sampledOf(sampler, Context.root(), "/anything", 100)).isZero();
	}

	@Test
	void ruleHasItsOwnRateLimitApartFromTheDefault() {
		Sampler sampler = builder().setRateLimit(10).addRule("/search", paths("/search"), 1.0, 2.0).build();
		assertThat(sampledOf(sampler, Context.root(), "/search", 100)).isEqualTo(2);
		assertThat(sampledOf(sampler, Context.root(), "/orders", 100)).isEqualTo(10);
		this.now.addAndGet(1_000_000_000);
		assertThat(sampledOf(sampler, Context.root(), "/search", 100)).isEqualTo(2);
	}

	@Test
	void ruleWithoutRateLimitIsNotCappedByTheDefault() {
		Sampler sampler = builder().setRateLimit(1).addRule("/checkout", paths("/checkout"), 1.0, null).build();
		assertThat(sampledOf(sampler, Context.root(), "/checkout", 100)).isEqualTo(100);
		assertThat(sampledOf(sampler, Context.root(), "/orders", 100)).isEqualTo(1);
	}

	@Test
	void ruleAppliesToDecidedRemoteParents() {
		Sampler sampler = builder().setRemoteParentNotSampled(RemoteParentNotSampled.DECIDE)
			.addRule("/noisy", paths("/noisy"), 0.0, null)
			.build();
		assertThat(sampledOf(sampler, remoteParent("00"), "/noisy", 100)).isZero();
		assertThat(sampledOf(sampler, remoteParent("01"), "/noisy", 100)).isEqualTo(100);
		assertThat(sampledOf(sampler, remoteParent("00"), "/quiet", 100)).isEqualTo(100);
	}

	@Test
	void withoutLimitOrRulesIsTheRatioSampler() {
		assertThat(builder().setProbability(0.25).build().getDescription())
			.isEqualTo(CloudTraceSampler.create(0.25).getDescription());
	}

	@Test
	void describesRulesAndLimits() {
		assertThat(builder().setProbability(0.5)
			.setRateLimit(3)
			.addRule("/search", paths("/search"), 1.0, 2.0)
			.build()
			.getDescription()).contains(
					"RuleBased{/search->TraceIdRatioBased{1.000000}+RateLimit{2.0/s},default:TraceIdRatioBased{0.500000}+RateLimit{3.0/s}}");
	}

	@Test
	void rejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().setRateLimit(0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().setRateLimit(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().setProbability(1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().addRule("/a", paths("/a"), 1.1, null));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().addRule("/a", paths("/a"), 1.0, -1.0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().addRule("/a", null, 1.0, null));
		assertThatIllegalArgumentException().isThrownBy(() -> builder().setRemoteParentNotSampled(null));
	}

	private CloudTraceSampler.Builder builder() {
		return CloudTraceSampler.builder().setNanoTime(this.now::get);
	}

	private static Predicate<String> paths(String pattern) {
		return ExcludedPaths.compile("rule", pattern)::matches;
	}

	private static Context remoteParent(String flags) {
		String traceparent = "00-" + "4bf92f3577b34da6a3ce929d0e0e4736" + "-" + PARENT_SPAN_ID + "-" + flags;
		return W3CTraceContextPropagator.getInstance()
			.extract(Context.root(), Map.of("traceparent", traceparent), MapGetter.INSTANCE);
	}

	private int sampledOf(Sampler sampler, Context parent, String path, int spans) {
		int sampled = 0;
		for (int i = 0; i < spans; i++) {
			sampled += sampled(sampler, parent, path) ? 1 : 0;
		}
		return sampled;
	}

	private boolean sampled(Sampler sampler, Context parent, String path) {
		return decide(sampler, parent, traceId(), path);
	}

	private static boolean decide(Sampler sampler, Context parent, String traceId, String path) {
		Attributes attributes = (path != null) ? Attributes.of(RuleBasedSampler.URL_PATH, path) : Attributes.empty();
		return sampler.shouldSample(parent, traceId, "GET", SpanKind.SERVER, attributes, List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	private String traceId() {
		return String.format("%016x%016x", this.random.nextLong(), this.random.nextLong());
	}

}
