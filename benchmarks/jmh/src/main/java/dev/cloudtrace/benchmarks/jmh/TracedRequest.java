package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.annotation.WithSpanAdvisingPostProcessor;
import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
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
 * The tracing work of one request of the load benchmark: two server spans ({@code /front}
 * and {@code /back}, each dispatched by Spring MVC), a client span and a {@code @WithSpan}
 * span, or the same work untraced.
 */
final class TracedRequest {

	private static final URI BACK = URI.create("http://127.0.0.1:8080/back");

	private static final byte[] NO_BODY = new byte[0];

	private static final ClientHttpRequestExecution ANSWER = (request, body) -> new MockClientHttpResponse(NO_BODY,
			HttpStatus.OK);

	private final Starter starter;

	private final FilterChain dispatch;

	private final ClientHttpRequestInterceptor interceptor;

	private final WithSpanBenchmark.Worker traced;

	private final WithSpanBenchmark.Worker direct = new WithSpanBenchmark.Worker();

	private final Scope parent;

	/**
	 * Prepares the request on the starter's beans; client and {@code @WithSpan} spans get a
	 * parent, as under the server span in an application.
	 * @param starter the starter's beans
	 */
	TracedRequest(Starter starter) {
		this.starter = starter;
		this.dispatch = (request, response) -> starter.dispatcherServlet.service(request, response);
		List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
		starter.bean(TracingInterceptors.class).addFirst(interceptors);
		this.interceptor = interceptors.get(0);
		this.traced = WithSpanBenchmark.proxy(starter.bean(WithSpanAdvisingPostProcessor.class));
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	void close() {
		this.parent.close();
	}

	void traced(Blackhole blackhole) throws IOException, ServletException {
		MockHttpServletResponse front = new MockHttpServletResponse();
		this.starter.serverFilter.doFilter(request("/front"), front, this.dispatch);
		blackhole.consume(front);
		blackhole.consume(this.interceptor.intercept(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY, ANSWER));
		MockHttpServletResponse back = new MockHttpServletResponse();
		this.starter.serverFilter.doFilter(request("/back"), back, this.dispatch);
		blackhole.consume(back);
		blackhole.consume(this.traced.work(42));
	}

	void untraced(Blackhole blackhole) throws IOException, ServletException {
		MockHttpServletResponse front = new MockHttpServletResponse();
		this.dispatch.doFilter(request("/front"), front);
		blackhole.consume(front);
		blackhole.consume(ANSWER.execute(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY));
		MockHttpServletResponse back = new MockHttpServletResponse();
		this.dispatch.doFilter(request("/back"), back);
		blackhole.consume(back);
		blackhole.consume(this.direct.work(42));
	}

	private MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(this.starter.servletContext, "GET", path);
		request.addHeader("traceparent", Tracing.TRACEPARENT);
		return request;
	}

}
