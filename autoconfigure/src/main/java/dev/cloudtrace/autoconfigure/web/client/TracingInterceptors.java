package dev.cloudtrace.autoconfigure.web.client;

import java.util.List;

import io.opentelemetry.instrumentation.spring.web.v3_1.SpringWebTelemetry;

import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Adds the tracing interceptor of a {@link SpringWebTelemetry} to interceptor lists, first
 * and at most once.
 */
public final class TracingInterceptors {

	private final SpringWebTelemetry telemetry;

	private final Class<?> interceptorType;

	/**
	 * Creates an instance.
	 * @param telemetry the instrumentation that creates the interceptors
	 */
	public TracingInterceptors(SpringWebTelemetry telemetry) {
		this.telemetry = telemetry;
		this.interceptorType = telemetry.newInterceptor().getClass();
	}

	/**
	 * Adds an interceptor at the head of the list, so that its span covers the work of
	 * every other interceptor, unless the list already holds one of the library's tracing
	 * interceptors (a second would create a second client span).
	 * @param interceptors a mutable interceptor list
	 * @return {@code true} if the list was changed
	 */
	public boolean addFirst(List<ClientHttpRequestInterceptor> interceptors) {
		for (ClientHttpRequestInterceptor interceptor : interceptors) {
			if (interceptor.getClass() == this.interceptorType) {
				return false;
			}
		}
		interceptors.add(0, this.telemetry.newInterceptor());
		return true;
	}

}
