package dev.cloudtrace.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.annotation.WithSpanAspect;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * A call of a {@code @WithSpan} method of a Spring proxy, under a sampled parent, with the
 * starter's aspect: with the SDK, with a no-op OpenTelemetry (the aspect's own cost), and the
 * method called directly (the floor).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WithSpanBenchmark {

	private OpenTelemetrySdk sdk;

	private Worker traced;

	private Worker noop;

	private final Worker direct = new Worker();

	private Scope parent;

	@Setup(Level.Trial)
	public void setUp() {
		this.sdk = Tracing.sdk();
		this.traced = proxy(this.sdk);
		this.noop = proxy(OpenTelemetry.noop());
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	private static Worker proxy(OpenTelemetry openTelemetry) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new Worker());
		factory.setProxyTargetClass(true);
		factory.addAspect(new WithSpanAspect(openTelemetry));
		return factory.getProxy();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.parent.close();
		this.sdk.close();
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
