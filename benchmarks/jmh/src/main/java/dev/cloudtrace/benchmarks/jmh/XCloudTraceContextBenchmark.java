package dev.cloudtrace.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.propagation.XCloudTraceContextPropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing of {@code X-Cloud-Trace-Context} alone (a valid and a malformed value), beside parsing the equivalent
 * {@code traceparent} with OpenTelemetry's W3C propagator as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class XCloudTraceContextBenchmark {

	private final XCloudTraceContextPropagator propagator = XCloudTraceContextPropagator.getInstance();

	// The value is read from the benchmark's own field, so that the JIT cannot treat it as a
	// constant.
	private String sampled = Tracing.TRACE_ID + "/67667974448284343;o=1";

	private String malformed = Tracing.TRACE_ID + "/not-a-number;o=1";

	private String traceparent = "00-" + Tracing.TRACE_ID + "-" + Tracing.SPAN_ID + "-01";

	@Benchmark
	public Context parse() {
		return this.propagator.extract(Context.root(), this.sampled, ValueGetter.INSTANCE);
	}


	@Benchmark
	public Context parseMalformed() {
		return this.propagator.extract(Context.root(), this.malformed, ValueGetter.INSTANCE);
	}

	@Benchmark
	public Context parseTraceparentBaseline() {
		return W3CTraceContextPropagator.getInstance().extract(Context.root(), this.traceparent, ValueGetter.INSTANCE);
	}


	/**
	 * Returns the carrier itself as the value of the trace header, and no {@code tracestate}.
	 */
	enum ValueGetter implements TextMapGetter<String> {

		INSTANCE;

		@Override
		public Iterable<String> keys(String carrier) {
			return List.of();
		}

		@Override
		public String get(String carrier, String key) {
			return "tracestate".equals(key) ? null : carrier;
		}

	}


}
