package dev.cloudtrace.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.annotation.WithSpanAdvisingPostProcessor;
import dev.cloudtrace.autoconfigure.annotation.WithSpanMethodInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call of a {@code @WithSpan} method of a Spring proxy, under a sampled parent, with the
 * starter's post-processor: as the starter configures it, on a no-op OpenTelemetry (the cost of
 * the proxy and the interceptor without a span), and the method called directly (the baseline).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class WithSpanBenchmark {

	private Worker traced;

	private Worker noop;

	private final Worker direct = new Worker();

	private Scope parent;

	@Setup(Level.Trial)
	public void setUp(Starter starter) {
		this.traced = proxy(starter.bean(WithSpanAdvisingPostProcessor.class));
		this.noop = proxy(new WithSpanAdvisingPostProcessor(new WithSpanMethodInterceptor(OpenTelemetry.noop())));
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	static Worker proxy(WithSpanAdvisingPostProcessor postProcessor) {
		return (Worker) postProcessor.postProcessAfterInitialization(new Worker(), "worker");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.parent.close();
	}

	@Benchmark
	public String withSpan() {
		return this.traced.work(42);
	}

	@Benchmark
	public String withSpanNoop() {
		return this.noop.work(42);
	}

	@Benchmark
	public String direct() {
		return this.direct.work(42);
	}

	/**
	 * The annotated bean.
	 */
	public static class Worker {

		@WithSpan("work")
		public String work(int input) {
			return "ok " + Integer.toHexString(input * 31);
		}

	}

}
