package dev.cloudtrace.autoconfigure.web.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.client.RestClient;

/**
 * Adds the tracing interceptor to every {@link RestClient} and {@link RestClient.Builder}
 * bean, including those created with {@code RestClient.create()} or
 * {@code RestClient.builder()} rather than Spring Boot's builder. A {@link RestClient} is
 * immutable, so one without the interceptor is replaced by a copy that has it.
 */
public class RestClientTracingBeanPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<TracingInterceptors> interceptors;

	public RestClientTracingBeanPostProcessor(ObjectProvider<TracingInterceptors> interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestClient.Builder builder) {
			builder.requestInterceptors(this.interceptors.getObject()::addFirst);
		}
		else if (bean instanceof RestClient restClient) {
			TracingInterceptors tracing = this.interceptors.getObject();
			RestClient.Builder builder = restClient.mutate();
			boolean[] added = new boolean[1];
			builder.requestInterceptors((list) -> added[0] = tracing.addFirst(list));
			return added[0] ? builder.build() : bean;
		}
		return bean;
	}

}
