package dev.cloudtrace.autoconfigure.web.client;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the tracing interceptor to every {@link RestTemplate} built by the
 * {@link RestTemplateBuilder}.
 */
public class RestTemplateTracingCustomizer implements RestTemplateCustomizer {

	private final TracingInterceptors interceptors;

	public RestTemplateTracingCustomizer(TracingInterceptors interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		this.interceptors.addFirst(restTemplate.getInterceptors());
	}

}
