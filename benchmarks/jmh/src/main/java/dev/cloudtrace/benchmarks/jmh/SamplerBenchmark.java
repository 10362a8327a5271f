package dev.cloudtrace.benchmarks.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSampler;
import dev.cloudtrace.autoconfigure.web.server.ExcludedPaths;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sampler's decision for a new trace, from 8 threads sharing one sampler, as request
 * threads do: with a rate limit that admits every trace (each decision a compare-and-set on
 * the one counter the threads share), one that refuses almost every trace (a read), and rules
 * matched before the limit, beside the probability-only sampler as the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(8)
@Fork(1)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class SamplerBenchmark {

	private static final Attributes REQUEST = Attributes.of(AttributeKey.stringKey("url.path"), "/orders/42");

	private final Sampler probabilityOnly = CloudTraceSampler.create(1.0);

	private final Sampler admitting = CloudTraceSampler.builder().setRateLimit(1e9).build();

	private final Sampler refusing = CloudTraceSampler.builder().setRateLimit(1).build();

	private final Sampler rules = CloudTraceSampler.builder()
		.setRateLimit(1e9)
		.addRule("/checkout/**", paths("/checkout/**"), 1.0, null)
		.addRule("/health", paths("/health"), 0.0, null)
		.addRule("/orders/*", paths("/orders/*"), 1.0, 1e9)
		.build();

	@Benchmark
	public SamplingResult probabilityBaseline(TraceIds traceIds) {
		return decide(this.probabilityOnly, traceIds);
	}

	@Benchmark
	public SamplingResult rateLimitAdmitting(TraceIds traceIds) {
		return decide(this.admitting, traceIds);
	}

	@Benchmark
	public SamplingResult rateLimitRefusing(TraceIds traceIds) {
		return decide(this.refusing, traceIds);
	}

	@Benchmark
	public SamplingResult rulesThenRateLimit(TraceIds traceIds) {
		return decide(this.rules, traceIds);
	}

	private static SamplingResult decide(Sampler sampler, TraceIds traceIds) {
		return sampler.shouldSample(Context.root(), traceIds.next(), "GET", SpanKind.SERVER, REQUEST, List.of());
	}

	private static Predicate<String> paths(String pattern) {
		return ExcludedPaths.compile("rule", pattern)::matches;
	}

	/**
	 * Random trace ids of one thread, made before the measurement.
	 */
	@State(Scope.Thread)
	public static class TraceIds {

		private final String[] ids = new String[1024];

		private int next;

		public TraceIds() {
			SplittableRandom random = new SplittableRandom();
			for (int i = 0; i < this.ids.length; i++) {
				this.ids[i] = String.format("%016x%016x", random.nextLong(), random.nextLong());
			}
		}

		String next() {
			this.next = (this.next + 1) & (this.ids.length - 1);
			return this.ids[this.next];
		}

	}

}
