package dev.cloudtrace.autoconfigure.boot3.web.client;

import dev.cloudtrace.autoconfigure.web.client.HttpClientTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of client spans for {@code RestTemplate} and {@code RestClient} built
 * by Spring Boot 3's builders: the customizers that add the tracing interceptor of
 * {@link HttpClientTracingAutoConfiguration}, which itself customizes only Spring Boot 4's
 * builders. Inactive on Spring Boot 4, which has no
 * {@code org.springframework.boot.web.client.RestTemplateBuilder}.
 */
@AutoConfiguration(after = HttpClientTracingAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.web.client.RestTemplateBuilder")
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.http.client.enabled", matchIfMissing = true)
@ConditionalOnBean(TracingInterceptors.class)
public final class Boot3HttpClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Boot3RestTemplateTracingCustomizer cloudTraceBoot3RestTemplateTracingCustomizer(
			TracingInterceptors interceptors) {
		return new Boot3RestTemplateTracingCustomizer(interceptors);
	}

	@Bean
	@ConditionalOnMissingBean
	Boot3RestClientTracingCustomizer cloudTraceBoot3RestClientTracingCustomizer(TracingInterceptors interceptors) {
		return new Boot3RestClientTracingCustomizer(interceptors);
	}

}
