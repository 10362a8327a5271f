package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.logging.MdcTraceCorrelation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

/**
 * What keeping the trace ids in the logging MDC costs a request: the traced request of
 * {@link RequestPathBenchmark} (two server spans, a client span, a {@code @WithSpan} span:
 * each scope sets the MDC and puts it back) with the MDC context storage, beside the same
 * request without it; and, since a whole request varies more than the MDC's share of it, the
 * scopes of such a request alone (a server span, and in it a {@code @WithSpan} span and a
 * client span), with and without. OpenTelemetry takes the storage's wrapper only before its first use
 * of the context, so each variant runs in its own JVM (one fork each), and the one with the
 * MDC installs the wrapper first, as the starter's listener does before Spring Boot
 * initializes logging.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class LogCorrelationBenchmark {

	private Starter starter;

	private TracedRequest request;

	// Made in setUp, after the wrapper is installed: making a context initializes the storage.
	private Context server;

	private Context work;

	private Context client;

	@Setup(Level.Trial)
	public void setUp(BenchmarkParams params) throws ServletException {
		boolean mdc = params.getBenchmark().endsWith("WithMdc");
		if (mdc) {
			MdcTraceCorrelation.install();
		}
		this.starter = new Starter();
		this.starter.start(mdc);
		this.request = new TracedRequest(this.starter);
		this.server = context("1111111111111111");
		this.work = context("2222222222222222");
		this.client = context("3333333333333333");
		// The request's parent scope is open: its ids are in the MDC exactly when the wrapper is.
		if (mdc != Tracing.TRACE_ID.equals(MDC.get("traceId"))) {
			throw new IllegalStateException("MDC holds " + MDC.get("traceId") + "; expected it "
					+ (mdc ? "to hold the trace id" : "to be empty"));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.request.close();
		this.starter.stop();
	}

	@Benchmark
	public void tracedWithMdc(Blackhole blackhole) throws IOException, ServletException {
		this.request.traced(blackhole);
	}

	@Benchmark
	public void tracedWithoutMdc(Blackhole blackhole) throws IOException, ServletException {
		this.request.traced(blackhole);
	}

	@Benchmark
	public void scopesWithMdc(Blackhole blackhole) {
		scopes(blackhole);
	}

	@Benchmark
	public void scopesWithoutMdc(Blackhole blackhole) {
		scopes(blackhole);
	}

	private void scopes(Blackhole blackhole) {
		try (Scope server = this.server.makeCurrent()) {
			try (Scope work = this.work.makeCurrent()) {
				blackhole.consume(Context.current());
			}
			try (Scope client = this.client.makeCurrent()) {
				blackhole.consume(Context.current());
			}
		}
	}

	private static Context context(String spanId) {
		return Tracing.remoteParent()
			.with(Span.wrap(SpanContext.create(Tracing.TRACE_ID, spanId, TraceFlags.getSampled(),
					TraceState.getDefault())));
	}

}
