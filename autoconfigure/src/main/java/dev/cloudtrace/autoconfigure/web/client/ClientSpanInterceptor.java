package dev.cloudtrace.autoconfigure.web.client;

import java.io.IOException;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Creates the client span of a call and injects its trace context into the request
 * headers.
 */
final class ClientSpanInterceptor implements ClientHttpRequestInterceptor {

	private final Instrumenter<HttpRequest, ClientHttpResponse> instrumenter;

	ClientSpanInterceptor(Instrumenter<HttpRequest, ClientHttpResponse> instrumenter) {
		this.instrumenter = instrumenter;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Context parentContext = Context.current();
		if (!this.instrumenter.shouldStart(parentContext, request)) {
			return execution.execute(request, body);
		}
		Context context = this.instrumenter.start(parentContext, request);
		ClientHttpResponse response;
		try (Scope ignored = context.makeCurrent()) {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException | Error ex) {
			this.instrumenter.end(context, request, null, ex);
			throw ex;
		}
		this.instrumenter.end(context, request, response, null);
		return response;
	}

}
