package dev.cloudtrace.autoconfigure.web.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the tracing interceptor to every {@link RestTemplate} bean, including those created
 * with {@code new RestTemplate()} rather than the builder.
 */
public class RestTemplateTracingBeanPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<TracingInterceptors> interceptors;

	public RestTemplateTracingBeanPostProcessor(ObjectProvider<TracingInterceptors> interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplate restTemplate) {
			this.interceptors.getObject().addFirst(restTemplate.getInterceptors());
		}
		return bean;
	}

}
