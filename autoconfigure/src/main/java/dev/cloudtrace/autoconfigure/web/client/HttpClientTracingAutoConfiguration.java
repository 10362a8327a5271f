package dev.cloudtrace.autoconfigure.web.client;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.CapturedHeaders;
import dev.cloudtrace.autoconfigure.web.UrlRedactionConfiguration;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestTemplate;

/**
 * Auto-configuration of client spans for {@code RestTemplate} and {@code RestClient}: a
 * tracing interceptor (see {@link HttpClientTelemetry}), added first to every one built by
 * Spring Boot's builders and to every one defined as a bean. It creates a span for each call and injects
 * the trace context with every configured propagator.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass({ Instrumenter.class, RestTemplate.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.http.client.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(HttpClientTracingProperties.class)
@Import(UrlRedactionConfiguration.class)
public final class HttpClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpClientTelemetry cloudTraceHttpClientTelemetry(OpenTelemetry openTelemetry,
			HttpClientTracingProperties properties) {
		// url.full has its credentials redacted by the instrumentation API, and the values of
		// sensitive query parameters (signed URLs, tokens, keys) by UrlRedactingSpanProcessor.
		return HttpClientTelemetry.builder(openTelemetry)
			.setCapturedRequestHeaders(CapturedHeaders.withoutCredentials(
					"cloudtrace.http.client.captured-request-headers", properties.getCapturedRequestHeaders()))
			.setCapturedResponseHeaders(CapturedHeaders.withoutCredentials(
					"cloudtrace.http.client.captured-response-headers", properties.getCapturedResponseHeaders()))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnMissingClass("io.micrometer.tracing.handler.TracingObservationHandler")
	TracingInterceptors cloudTraceTracingInterceptors(HttpClientTelemetry telemetry) {
		return new TracingInterceptors(telemetry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.handler.TracingObservationHandler")
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingInterceptors cloudTraceTracingInterceptors(HttpClientTelemetry telemetry,
				ObjectProvider<ObservationRegistry> observationRegistry) {
			return new TracingInterceptors(telemetry,
					new MicrometerClientSpans(observationRegistry::getIfUnique));
		}

	}

	@Bean
	@ConditionalOnMissingBean
	static RestTemplateTracingBeanPostProcessor cloudTraceRestTemplateTracingBeanPostProcessor(
			ObjectProvider<TracingInterceptors> interceptors) {
		return new RestTemplateTracingBeanPostProcessor(interceptors);
	}

	@Bean
	@ConditionalOnMissingBean
	static RestClientTracingBeanPostProcessor cloudTraceRestClientTracingBeanPostProcessor(
			ObjectProvider<TracingInterceptors> interceptors) {
		return new RestClientTracingBeanPostProcessor(interceptors);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestTemplateCustomizer.class)
	static class RestTemplateBuilderTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RestTemplateTracingCustomizer cloudTraceRestTemplateTracingCustomizer(TracingInterceptors interceptors) {
			return new RestTemplateTracingCustomizer(interceptors);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class RestClientBuilderTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RestClientTracingCustomizer cloudTraceRestClientTracingCustomizer(TracingInterceptors interceptors) {
			return new RestClientTracingCustomizer(interceptors);
		}

	}

}
