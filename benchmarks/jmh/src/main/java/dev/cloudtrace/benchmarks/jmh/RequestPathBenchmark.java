package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The tracing work of one request of the load benchmark in one operation: two server spans
 * ({@code /front} and {@code /back}, each dispatched by Spring MVC), a client span and a
 * {@code @WithSpan} span, beside the same work untraced. Unlike the benchmarks of each part
 * alone, the instrumentation's shared code sees all three kinds of span, as in an
 * application, so the JIT cannot specialise it for one.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RequestPathBenchmark {

	private TracedRequest request;

	@Setup(Level.Trial)
	public void setUp(Starter starter) {
		this.request = new TracedRequest(starter);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.request.close();
	}

	@Benchmark
	public void traced(Blackhole blackhole) throws IOException, ServletException {
		this.request.traced(blackhole);
	}

	@Benchmark
	public void untraced(Blackhole blackhole) throws IOException, ServletException {
		this.request.untraced(blackhole);
	}

}
