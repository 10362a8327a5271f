package dev.cloudtrace.benchmarks.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
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
 * Injection and extraction with the starter's default propagators
 * ({@code tracecontext, baggage, cloud-trace}), beside OpenTelemetry's default
 * ({@code tracecontext, baggage}) as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class PropagationBenchmark {

	private final TextMapPropagator ours = Tracing.propagators().getTextMapPropagator();

	private final TextMapPropagator openTelemetryDefault = TextMapPropagator
		.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

	private final Context context = Context.root()
		.with(Span.wrap(SpanContext.create(Tracing.TRACE_ID, Tracing.SPAN_ID, TraceFlags.getSampled(),
				TraceState.getDefault())));

	private final Map<String, String> traceparent = Map.of("traceparent",
			"00-" + Tracing.TRACE_ID + "-" + Tracing.SPAN_ID + "-01");

	private final Map<String, String> xCloudTraceContext = Map.of("x-cloud-trace-context",
			Tracing.TRACE_ID + "/67667974448284343;o=1");

	@Benchmark
	public Map<String, String> injectDefault() {
		Map<String, String> carrier = new HashMap<>();
		this.ours.inject(this.context, carrier, MapSetter.INSTANCE);
		return carrier;
	}

	@Benchmark
	public Map<String, String> injectOpenTelemetryDefault() {
		Map<String, String> carrier = new HashMap<>();
		this.openTelemetryDefault.inject(this.context, carrier, MapSetter.INSTANCE);
		return carrier;
	}

	@Benchmark
	public Context extractTraceparent() {
		return this.ours.extract(Context.root(), this.traceparent, MapGetter.INSTANCE);
	}

	@Benchmark
	public Context extractXCloudTraceContext() {
		return this.ours.extract(Context.root(), this.xCloudTraceContext, MapGetter.INSTANCE);
	}

	@Benchmark
	public Context extractTraceparentOpenTelemetryDefault() {
		return this.openTelemetryDefault.extract(Context.root(), this.traceparent, MapGetter.INSTANCE);
	}

	enum MapSetter implements TextMapSetter<Map<String, String>> {

		INSTANCE;

		@Override
		public void set(Map<String, String> carrier, String key, String value) {
			carrier.put(key, value);
		}

	}

	enum MapGetter implements TextMapGetter<Map<String, String>> {

		INSTANCE;

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return carrier.get(key);
		}

	}

}
