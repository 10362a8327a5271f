package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.annotation.WithSpanAdvisingPostProcessor;
import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
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

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

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

	private static final URI BACK = URI.create("http://127.0.0.1:8080/back");

	private static final byte[] NO_BODY = new byte[0];

	private static final ClientHttpRequestExecution ANSWER = (request, body) -> new MockClientHttpResponse(NO_BODY,
			HttpStatus.OK);

	private Starter starter;

	private FilterChain dispatch;

	private ClientHttpRequestInterceptor interceptor;

	private WithSpanBenchmark.Worker traced;

	private final WithSpanBenchmark.Worker direct = new WithSpanBenchmark.Worker();

	private Scope parent;

	@Setup(Level.Trial)
	public void setUp(Starter starter) {
		this.starter = starter;
		this.dispatch = (request, response) -> starter.dispatcherServlet.service(request, response);
		List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
		starter.bean(TracingInterceptors.class).addFirst(interceptors);
		this.interceptor = interceptors.get(0);
		this.traced = WithSpanBenchmark.proxy(starter.bean(WithSpanAdvisingPostProcessor.class));
		// Client and @WithSpan spans have a parent, as under the server span in an application.
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.parent.close();
	}

	private MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(this.starter.servletContext, "GET", path);
		request.addHeader("traceparent", Tracing.TRACEPARENT);
		return request;
	}

	@Benchmark
	public void traced(Blackhole blackhole) throws IOException, ServletException {
		MockHttpServletResponse front = new MockHttpServletResponse();
		this.starter.serverFilter.doFilter(request("/front"), front, this.dispatch);
		blackhole.consume(front);
		blackhole.consume(this.interceptor.intercept(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY, ANSWER));
		MockHttpServletResponse back = new MockHttpServletResponse();
		this.starter.serverFilter.doFilter(request("/back"), back, this.dispatch);
		blackhole.consume(back);
		blackhole.consume(this.traced.work(42));
	}

	@Benchmark
	public void untraced(Blackhole blackhole) throws IOException, ServletException {
		MockHttpServletResponse front = new MockHttpServletResponse();
		this.dispatch.doFilter(request("/front"), front);
		blackhole.consume(front);
		blackhole.consume(ANSWER.execute(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY));
		MockHttpServletResponse back = new MockHttpServletResponse();
		this.dispatch.doFilter(request("/back"), back);
		blackhole.consume(back);
		blackhole.consume(this.direct.work(42));
	}

}
