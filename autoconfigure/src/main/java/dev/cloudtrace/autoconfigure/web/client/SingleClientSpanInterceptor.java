package dev.cloudtrace.autoconfigure.web.client;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Client interceptor that creates the client span with OpenTelemetry's interceptor, unless
 * another instrumentation already traces the call.
 */
final class SingleClientSpanInterceptor implements ClientHttpRequestInterceptor {

	private final ClientHttpRequestInterceptor tracing;

	private final BooleanSupplier tracedElsewhere;

	/**
	 * Creates an interceptor.
	 * @param tracing the interceptor that creates the client span and injects the headers
	 * @param tracedElsewhere tells, during a call, whether another instrumentation traces it
	 */
	SingleClientSpanInterceptor(ClientHttpRequestInterceptor tracing, BooleanSupplier tracedElsewhere) {
		this.tracing = tracing;
		this.tracedElsewhere = tracedElsewhere;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (this.tracedElsewhere.getAsBoolean()) {
			return execution.execute(request, body);
		}
		return this.tracing.intercept(request, body, execution);
	}

}
