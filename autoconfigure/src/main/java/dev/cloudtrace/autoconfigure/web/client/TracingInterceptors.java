package dev.cloudtrace.autoconfigure.web.client;

import java.util.List;
import java.util.function.BooleanSupplier;


import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Adds the tracing interceptor of a {@link HttpClientTelemetry} to interceptor lists, first
 * and at most once.
 */
public final class TracingInterceptors {

	private static final BooleanSupplier NEVER = () -> false;

	private final HttpClientTelemetry telemetry;

	private final BooleanSupplier tracedElsewhere;

	/**
	 * Creates an instance whose interceptors create a client span for every call.
	 * @param telemetry the instrumentation that creates the interceptors
	 */
	public TracingInterceptors(HttpClientTelemetry telemetry) {
		this(telemetry, NEVER);
	}

	/**
	 * Creates an instance whose interceptors create a client span for every call that no
	 * other instrumentation traces.
	 * @param telemetry the instrumentation that creates the interceptors
	 * @param tracedElsewhere tells, during a call, whether another instrumentation (such as
	 * Spring's Micrometer observation) already creates its client span
	 */
	public TracingInterceptors(HttpClientTelemetry telemetry, BooleanSupplier tracedElsewhere) {
		this.telemetry = telemetry;
		this.tracedElsewhere = tracedElsewhere;
	}

	/**
	 * Adds an interceptor at the head of the list, so that its span covers the work of
	 * every other interceptor, unless the list already holds one of these tracing
	 * interceptors (a second would create a second client span).
	 * @param interceptors a mutable interceptor list
	 * @return {@code true} if the list was changed
	 */
	public boolean addFirst(List<ClientHttpRequestInterceptor> interceptors) {
		for (ClientHttpRequestInterceptor interceptor : interceptors) {
			if (interceptor instanceof ClientSpanInterceptor || interceptor instanceof SingleClientSpanInterceptor) {
				return false;
			}
		}
		interceptors.add(0, newInterceptor());
		return true;
	}

	private ClientHttpRequestInterceptor newInterceptor() {
		ClientHttpRequestInterceptor interceptor = this.telemetry.newInterceptor();
		return (this.tracedElsewhere != NEVER) ? new SingleClientSpanInterceptor(interceptor, this.tracedElsewhere)
				: interceptor;
	}

}
