package dev.cloudtrace.autoconfigure.web.client;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.CapturedHeaders;
import dev.cloudtrace.autoconfigure.web.UrlRedactionConfiguration;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.web.v3_1.SpringWebTelemetry;
import io.opentelemetry.instrumentation.spring.web.v3_1.SpringWebTelemetryBuilder;
import io.opentelemetry.instrumentation.spring.web.v3_1.internal.WebTelemetryUtil;

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
 * Auto-configuration of client spans for {@code RestTemplate} and {@code RestClient}: the
 * OpenTelemetry Spring Web interceptor, added first to every one built by Spring Boot's
 * builders and to every one defined as a bean. It creates a span for each call and injects
 * the trace context with every configured propagator.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass({ SpringWebTelemetry.class, RestTemplate.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.http.client.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(HttpClientTracingProperties.class)
@Import(UrlRedactionConfiguration.class)
public final class HttpClientTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringWebTelemetry cloudTraceSpringWebTelemetry(OpenTelemetry openTelemetry,
			HttpClientTracingProperties properties) {
		SpringWebTelemetryBuilder builder = SpringWebTelemetry.builder(openTelemetry);
		CapturedHeadersExtractor capturedHeaders = CapturedHeadersExtractor.of(
				CapturedHeaders.withoutCredentials("cloudtrace.http.client.captured-request-headers",
						properties.getCapturedRequestHeaders()),
				CapturedHeaders.withoutCredentials("cloudtrace.http.client.captured-response-headers",
						properties.getCapturedResponseHeaders()));
		if (capturedHeaders != null) {
			builder.addAttributesExtractor(capturedHeaders);
		}
		// The library redacts credentials in url.full, but the values of signed-URL query
		// parameters (AWSAccessKeyId, Signature, sig, X-Goog-Signature) only when asked, and
		// only its internal accessor (what OpenTelemetry's own Spring Boot starter uses) can
		// ask. UrlRedactingSpanProcessor redacts further parameters (tokens, keys) as well.
		WebTelemetryUtil.getBuilderExtractor().apply(builder).setRedactQueryParameters(true);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnMissingClass("io.micrometer.tracing.handler.TracingObservationHandler")
	TracingInterceptors cloudTraceTracingInterceptors(SpringWebTelemetry telemetry) {
		return new TracingInterceptors(telemetry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.handler.TracingObservationHandler")
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingInterceptors cloudTraceTracingInterceptors(SpringWebTelemetry telemetry,
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
