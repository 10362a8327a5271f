package dev.cloudtrace.autoconfigure.boot3.web.client;

import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;

import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Adds the tracing interceptor to every {@link RestClient.Builder} that Spring Boot 3
 * provides.
 */
public class Boot3RestClientTracingCustomizer implements RestClientCustomizer {

	private final TracingInterceptors interceptors;

	public Boot3RestClientTracingCustomizer(TracingInterceptors interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public void customize(RestClient.Builder restClientBuilder) {
		restClientBuilder.requestInterceptors(this.interceptors::addFirst);
	}

}
