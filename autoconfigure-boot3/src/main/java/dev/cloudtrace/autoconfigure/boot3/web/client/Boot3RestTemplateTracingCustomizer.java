package dev.cloudtrace.autoconfigure.boot3.web.client;

import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;

import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the tracing interceptor to every {@link RestTemplate} built by Spring Boot 3's
 * {@link RestTemplateBuilder}.
 */
public class Boot3RestTemplateTracingCustomizer implements RestTemplateCustomizer {

	private final TracingInterceptors interceptors;

	public Boot3RestTemplateTracingCustomizer(TracingInterceptors interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public void customize(RestTemplate restTemplate) {
		this.interceptors.addFirst(restTemplate.getInterceptors());
	}

}
