package dev.cloudtrace.autoconfigure.web.server;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.CapturedHeaders;
import dev.cloudtrace.autoconfigure.web.UrlRedactionConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of server spans for Spring MVC: a servlet filter, built on the
 * OpenTelemetry instrumentation API (see {@link HttpServerTelemetry}), that creates a span
 * for every request.
 * <p>
 * Backs off when Spring Boot's Micrometer observation filter already creates server spans
 * through the Micrometer-to-OpenTelemetry bridge, so that a request never gets two server
 * spans; the Micrometer span then uses this starter's propagators and exporters.
 * <p>
 * Headers that carry credentials are never captured (see {@link CapturedHeaders}), and
 * credentials in the query are redacted in {@code url.query} (see
 * {@link UrlRedactionConfiguration}).
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class,
		afterName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass({ Instrumenter.class, DispatcherServlet.class, FilterRegistrationBean.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.http.server.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@Conditional(HttpServerTracingAutoConfiguration.NoMicrometerServerSpansCondition.class)
@EnableConfigurationProperties(HttpServerTracingProperties.class)
@Import(UrlRedactionConfiguration.class)
public final class HttpServerTracingAutoConfiguration {

	/**
	 * Order of the filter: first after the filters that must run before anything else
	 * (such as character encoding), as OpenTelemetry's Spring MVC filter and Spring Boot's
	 * observation filter do, so that the span covers security and every other filter.
	 */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	@Bean
	@ConditionalOnMissingBean
	HttpServerTelemetry cloudTraceHttpServerTelemetry(OpenTelemetry openTelemetry,
			HttpServerTracingProperties properties) {
		return HttpServerTelemetry.builder(openTelemetry)
			.setCapturedRequestHeaders(CapturedHeaders.withoutCredentials(
					"cloudtrace.http.server.captured-request-headers", properties.getCapturedRequestHeaders()))
			.setCapturedResponseHeaders(CapturedHeaders.withoutCredentials(
					"cloudtrace.http.server.captured-response-headers", properties.getCapturedResponseHeaders()))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(value = HttpServerTracingFilter.class,
			parameterizedContainer = FilterRegistrationBean.class)
	FilterRegistrationBean<HttpServerTracingFilter> cloudTraceHttpServerTracingFilter(HttpServerTelemetry telemetry,
			OpenTelemetry openTelemetry, HttpServerTracingProperties properties) {
		ExcludedPaths excludedPaths = ExcludedPaths.compile("cloudtrace.http.server.excluded-paths",
				properties.getExcludedPaths());
		HttpServerTracingFilter filter = new HttpServerTracingFilter(telemetry, excludedPaths,
				openTelemetry.getPropagators().getTextMapPropagator());
		FilterRegistrationBean<HttpServerTracingFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("cloudTraceHttpServerTracingFilter");
		registration.setOrder(FILTER_ORDER);
		// Only the initial dispatch: the filter ends the span of an async request when it
		// completes, and error pages belong to the span of the request that failed.
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	/**
	 * Matches unless {@link MicrometerServerSpansCondition} does.
	 */
	static final class NoMicrometerServerSpansCondition extends NoneNestedConditions {

		NoMicrometerServerSpansCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(MicrometerServerSpansCondition.class)
		static class MicrometerServerSpans {

		}

	}

}
