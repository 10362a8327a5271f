package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.web.server.ExcludedPaths;
import dev.cloudtrace.autoconfigure.web.server.HttpServerTelemetry;
import dev.cloudtrace.autoconfigure.web.server.HttpServerTracingFilter;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A request with a {@code traceparent} header dispatched to a controller by Spring MVC's
 * {@code DispatcherServlet}: through the starter's server filter (span start, context
 * extraction, {@code http.route}, span end), through the same filter on a no-op
 * OpenTelemetry, and without the filter (the baseline).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ServerSpanBenchmark {

	private Starter starter;

	private FilterChain dispatch;

	private Filter noopFilter;

	@Setup(Level.Trial)
	public void setUp(Starter starter) throws ServletException {
		this.starter = starter;
		this.dispatch = (request, response) -> starter.dispatcherServlet.service(request, response);
		OpenTelemetry noop = OpenTelemetry.noop();
		this.noopFilter = new HttpServerTracingFilter(HttpServerTelemetry.create(noop),
				ExcludedPaths.compile("excluded-paths", List.of("/actuator/**")),
				noop.getPropagators().getTextMapPropagator());
		this.noopFilter.init(new MockFilterConfig(starter.servletContext));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.noopFilter.destroy();
	}

	private MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest(this.starter.servletContext, "GET", "/back");
		request.addHeader("traceparent", Tracing.TRACEPARENT);
		return request;
	}

	@Benchmark
	public MockHttpServletResponse serverSpan() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.starter.serverFilter.doFilter(request(), response, this.dispatch);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse serverSpanNoop() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.noopFilter.doFilter(request(), response, this.dispatch);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse noFilter() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.dispatch.doFilter(request(), response);
		return response;
	}

}
