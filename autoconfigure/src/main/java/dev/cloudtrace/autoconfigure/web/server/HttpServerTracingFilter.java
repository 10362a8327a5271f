package dev.cloudtrace.autoconfigure.web.server;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Servlet filter that creates the server span of each request, except for excluded paths.
 * <p>
 * The span starts before the rest of the filter chain and ends when the response is
 * complete: after the chain returns, or, for a request that went asynchronous, when its
 * async processing completes, times out or fails. An excluded request gets no span, but its
 * incoming trace context is still extracted and made current: a call that its handler makes
 * continues the caller's trace instead of starting a new one. The route of a traced request
 * is taken from Spring MVC's own match (see {@link ControllerRoute}).
 */
public final class HttpServerTracingFilter implements Filter {

	private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;

	private final ExcludedPaths excludedPaths;

	private final TextMapPropagator propagator;

	/**
	 * Creates a filter.
	 * @param telemetry creates the server spans
	 * @param excludedPaths the paths that get no span
	 * @param propagator the propagator that reads the trace context of excluded requests
	 */
	public HttpServerTracingFilter(HttpServerTelemetry telemetry, ExcludedPaths excludedPaths,
			TextMapPropagator propagator) {
		this.instrumenter = telemetry.instrumenter();
		this.excludedPaths = excludedPaths;
		this.propagator = propagator;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.excludedPaths.isEmpty() && this.excludedPaths.matches(pathWithinApplication(httpRequest))) {
			doFilterExcluded(httpRequest, httpResponse, chain);
			return;
		}
		Context parentContext = Context.current();
		if (!this.instrumenter.shouldStart(parentContext, httpRequest)) {
			chain.doFilter(request, response);
			return;
		}
		Context context = this.instrumenter.start(parentContext, httpRequest);
		AsyncAwareRequest tracedRequest = new AsyncAwareRequest(httpRequest, httpResponse, context);
		@Nullable Throwable error = null;
		try (Scope ignored = context.makeCurrent()) {
			chain.doFilter(tracedRequest, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			error = ex;
			throw ex;
		}
		finally {
			ControllerRoute.update(context, httpRequest);
			if (error != null || !tracedRequest.hasSpanEndingListener()) {
				this.instrumenter.end(context, httpRequest, httpResponse, error);
			}
		}
	}

	private void doFilterExcluded(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Context current = Context.current();
		Context extracted = this.propagator.extract(current, request, ServletRequestGetter.INSTANCE);
		if (extracted == current) {
			chain.doFilter(request, response);
			return;
		}
		try (Scope ignored = extracted.makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return (contextPath.isEmpty() || !uri.startsWith(contextPath)) ? uri : uri.substring(contextPath.length());
	}

	/**
	 * The request as the rest of the chain sees it: when it goes asynchronous, a listener
	 * ends the span once the async processing is over.
	 */
	private final class AsyncAwareRequest extends HttpServletRequestWrapper {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		private final Context context;

		private final AtomicBoolean listenerAdded = new AtomicBoolean();

		private final AtomicBoolean ended = new AtomicBoolean();

		AsyncAwareRequest(HttpServletRequest request, HttpServletResponse response, Context context) {
			super(request);
			this.request = request;
			this.response = response;
			this.context = context;
		}

		@Override
		public AsyncContext startAsync() {
			return withListener(super.startAsync());
		}

		@Override
		public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
			return withListener(super.startAsync(servletRequest, servletResponse));
		}

		private AsyncContext withListener(AsyncContext asyncContext) {
			if (this.listenerAdded.compareAndSet(false, true)) {
				asyncContext.addListener(new SpanEndingListener(), this.request, this.response);
			}
			return asyncContext;
		}

		boolean hasSpanEndingListener() {
			return this.listenerAdded.get();
		}

		private void end(@Nullable Throwable error) {
			if (this.ended.compareAndSet(false, true)) {
				HttpServerTracingFilter.this.instrumenter.end(this.context, this.request, this.response, error);
			}
		}

		/**
		 * Ends the span of the asynchronous request, once.
		 */
		private final class SpanEndingListener implements AsyncListener {

			@Override
			public void onComplete(AsyncEvent event) {
				end(null);
			}

			@Override
			public void onTimeout(AsyncEvent event) {
				end(null);
			}

			@Override
			public void onError(AsyncEvent event) {
				end(event.getThrowable());
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
				// A new async cycle (e.g. an async dispatch that starts async again) drops the
				// listeners: register again to be told when it ends.
				event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
			}

		}

	}

}
