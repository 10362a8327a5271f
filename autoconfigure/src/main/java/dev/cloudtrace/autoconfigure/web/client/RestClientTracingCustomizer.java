package dev.cloudtrace.autoconfigure.web.client;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.web.client.RestClient;

/**
 * Adds the tracing interceptor to every {@link RestClient.Builder} that Spring Boot
 * provides.
 */
public class RestClientTracingCustomizer implements RestClientCustomizer {

	private final TracingInterceptors interceptors;

	public RestClientTracingCustomizer(TracingInterceptors interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public void customize(RestClient.Builder restClientBuilder) {
		restClientBuilder.requestInterceptors(this.interceptors::addFirst);
	}

}
