package dev.cloudtrace.autoconfigure.web.server;

import java.io.IOException;
import java.util.Collections;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.spring.webmvc.v6_0.SpringWebMvcTelemetry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Servlet filter that creates the server span of each request with the OpenTelemetry
 * Spring MVC instrumentation, except for excluded paths.
 * <p>
 * The library's filter has no notion of excluded paths, so this filter decides first. An
 * excluded request gets no span, but its incoming trace context is still extracted and made
 * current: a call that its handler makes continues the caller's trace instead of starting a
 * new one. The route of a traced request is taken from Spring MVC's own match (see
 * {@link ControllerRoute}).
 */
public final class HttpServerTracingFilter implements Filter {

	private final Filter delegate;

	private final ExcludedPaths excludedPaths;

	private final TextMapPropagator propagator;

	/**
	 * Creates a filter.
	 * @param delegate the library's filter, from {@link SpringWebMvcTelemetry#createServletFilter()}
	 * @param excludedPaths the paths that get no span
	 * @param propagator the propagator that reads the trace context of excluded requests
	 */
	public HttpServerTracingFilter(Filter delegate, ExcludedPaths excludedPaths, TextMapPropagator propagator) {
		this.delegate = delegate;
		this.excludedPaths = excludedPaths;
		this.propagator = propagator;
	}

	@Override
	public void init(FilterConfig filterConfig) throws ServletException {
		// The library's filter finds the DispatcherServlet (for http.route) when initialised.
		this.delegate.init(filterConfig);
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!this.excludedPaths.isEmpty() && request instanceof HttpServletRequest httpRequest
				&& this.excludedPaths.matches(pathWithinApplication(httpRequest))) {
			Context current = Context.current();
			Context extracted = this.propagator.extract(current, httpRequest, HeaderGetter.INSTANCE);
			if (extracted == current) {
				chain.doFilter(request, response);
				return;
			}
			try (Scope ignored = extracted.makeCurrent()) {
				chain.doFilter(request, response);
			}
			return;
		}
		this.delegate.doFilter(request, response, (tracedRequest, tracedResponse) -> {
			try {
				chain.doFilter(tracedRequest, tracedResponse);
			}
			finally {
				if (tracedRequest instanceof HttpServletRequest httpRequest) {
					ControllerRoute.update(Context.current(), httpRequest);
				}
			}
		});
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return (contextPath.isEmpty() || !uri.startsWith(contextPath)) ? uri : uri.substring(contextPath.length());
	}

	@Override
	public void destroy() {
		this.delegate.destroy();
	}

	/**
	 * Reads propagation headers from a servlet request.
	 */
	private enum HeaderGetter implements TextMapGetter<HttpServletRequest> {

		INSTANCE;

		@Override
		public Iterable<String> keys(HttpServletRequest carrier) {
			return Collections.list(carrier.getHeaderNames());
		}

		@Override
		public String get(HttpServletRequest carrier, String key) {
			return (carrier != null) ? carrier.getHeader(key) : null;
		}

	}

}
