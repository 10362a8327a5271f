package dev.cloudtrace.autoconfigure.web.server;

import java.util.EnumSet;
import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpServerTracingAutoConfiguration}.
 */
class HttpServerTracingAutoConfigurationTests {

	private static final String FILTER = "cloudTraceHttpServerTracingFilter";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
		.withConfiguration(CloudTraceContextRunners.foundation(HttpServerTracingAutoConfiguration.class));

	@Test
	void registersTracingFilterForEveryRequestAtHighPrecedence() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HttpServerTelemetry.class).hasBean("cloudTraceHttpServerTelemetry");
			FilterRegistrationBean<?> registration = context.getBean(FILTER, FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(HttpServerTracingFilter.class);
			assertThat(registration.getFilterName()).isEqualTo(FILTER);
			assertThat(registration.getOrder()).isEqualTo(HttpServerTracingAutoConfiguration.FILTER_ORDER);
			assertThat(registration.getUrlPatterns()).isEmpty();
			assertThat(registration.getServletNames()).isEmpty();
			assertThat(registration.determineDispatcherTypes()).isEqualTo(EnumSet.of(DispatcherType.REQUEST));
		});
	}

	@Test
	void excludesActuatorByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(HttpServerTracingProperties.class)
			.getExcludedPaths()).containsExactly("/actuator/**"));
	}

	@Test
	void honoursExcludedPaths() {
		RecordedSpans spans = new RecordedSpans();
		this.contextRunner.withPropertyValues("cloudtrace.http.server.excluded-paths=/internal/**,/ping")
			.withBean(SpanProcessor.class, spans::processor)
			.run((context) -> {
				Filter filter = context.getBean(FILTER, FilterRegistrationBean.class).getFilter();
				filter.init(new MockFilterConfig(new MockServletContext(), FILTER));
				for (String path : new String[] { "/internal/status", "/ping", "/actuator/health", "/users" }) {
					filter.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(),
							new MockFilterChain());
				}
				assertThat(spans.all()).extracting(HttpServerTracingAutoConfigurationTests::path)
					.containsExactly("/actuator/health", "/users");
			});
	}

	@Test
	void tracesEveryPathWhenNoneIsExcluded() {
		RecordedSpans spans = new RecordedSpans();
		this.contextRunner.withPropertyValues("cloudtrace.http.server.excluded-paths=")
			.withBean(SpanProcessor.class, spans::processor)
			.run((context) -> {
				Filter filter = context.getBean(FILTER, FilterRegistrationBean.class).getFilter();
				filter.init(new MockFilterConfig(new MockServletContext(), FILTER));
				filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), new MockHttpServletResponse(),
						new MockFilterChain());
				assertThat(spans.all()).extracting(HttpServerTracingAutoConfigurationTests::path)
					.containsExactly("/actuator/health");
			});
	}

	private static String path(SpanData span) {
		assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
		return span.getAttributes().get(AttributeKey.stringKey("url.path"));
	}

	@Test
	void bindsCapturedHeaders() {
		this.contextRunner
			.withPropertyValues("cloudtrace.http.server.captured-request-headers=X-Request-Id",
					"cloudtrace.http.server.captured-response-headers=X-Served-By,Content-Type")
			.run((context) -> {
				HttpServerTracingProperties properties = context.getBean(HttpServerTracingProperties.class);
				assertThat(properties.getCapturedRequestHeaders()).containsExactly("X-Request-Id");
				assertThat(properties.getCapturedResponseHeaders()).containsExactly("X-Served-By", "Content-Type");
			});
	}

	@Test
	void createsNothingWhenServerTracingIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.enabled=false")
			.run(HttpServerTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run(HttpServerTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	@Test
	void createsNothingWithoutInstrumentationApi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Instrumenter.class))
			.run(HttpServerTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	@Test
	void createsNothingWithoutOpenTelemetry() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpServerTracingAutoConfiguration.class))
			.run(HttpServerTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	@Test
	void createsNothingOutsideServletWebApplication() {
		new ApplicationContextRunner().withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.withConfiguration(CloudTraceContextRunners.foundation(HttpServerTracingAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HttpServerTelemetry.class)
				.doesNotHaveBean(FILTER));
	}

	private static void assertNoTracingBeans(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed().doesNotHaveBean(HttpServerTelemetry.class).doesNotHaveBean(FILTER);
	}

	@Test
	void backsOffFromUserTelemetry() {
		this.contextRunner.withUserConfiguration(UserTelemetryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(HttpServerTelemetry.class)
				.doesNotHaveBean("cloudTraceHttpServerTelemetry")
				.hasBean(FILTER);
		});
	}

	@Test
	void backsOffFromUserFilterRegistration() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(FILTER).hasBean("userTracingFilter");
		});
	}

	@Test
	void backsOffWhenMicrometerObservationCreatesServerSpans() {
		this.contextRunner.withUserConfiguration(MicrometerTracerConfiguration.class, ObservationFilterConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FILTER)
				.doesNotHaveBean(HttpServerTelemetry.class));
	}

	@Test
	void tracesWhenObservationFilterHasNoTracingBridge() {
		this.contextRunner.withUserConfiguration(ObservationFilterConfiguration.class)
			.run((context) -> assertThat(context).hasBean(FILTER));
	}

	@Test
	void tracesWhenTracingBridgeHasNoObservationFilter() {
		this.contextRunner.withUserConfiguration(MicrometerTracerConfiguration.class)
			.run((context) -> assertThat(context).hasBean(FILTER));
	}

	@Test
	void failsOnBlankExcludedPath() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.excluded-paths[0]=/ok/**",
				"cloudtrace.http.server.excluded-paths[1]= ")
			.run((context) -> assertInvalidPath(context, "cloudtrace.http.server.excluded-paths[1]"));
	}

	@Test
	void failsOnRelativeExcludedPath() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.excluded-paths=actuator/**")
			.run((context) -> assertInvalidPath(context, "cloudtrace.http.server.excluded-paths[0]"));
	}

	@Test
	void failsOnUnparseableExcludedPath() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.excluded-paths=/users/{id")
			.run((context) -> assertInvalidPath(context, "cloudtrace.http.server.excluded-paths[0]"));
	}

	@Test
	void failsOnInvalidCapturedRequestHeader() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.captured-request-headers=X Request Id")
			.run((context) -> assertInvalid(context, "cloudtrace.http.server.captured-request-headers[0]",
					"header names"));
	}

	@Test
	void failsOnInvalidCapturedResponseHeader() {
		this.contextRunner.withPropertyValues("cloudtrace.http.server.captured-response-headers=Ok,X(Bad)")
			.run((context) -> assertInvalid(context, "cloudtrace.http.server.captured-response-headers[1]",
					"header names"));
	}

	private static void assertInvalidPath(AssertableWebApplicationContext context, String property) {
		assertInvalid(context, property, "path patterns starting with '/'");
	}

	private static void assertInvalid(AssertableWebApplicationContext context, String property, String allowed) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (!(failure instanceof InvalidCloudTracePropertyException) && failure.getCause() != null) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidCloudTracePropertyException.class);
		InvalidCloudTracePropertyException invalid = (InvalidCloudTracePropertyException) failure;
		assertThat(invalid.getProperty()).isEqualTo(property);
		assertThat(invalid.getMessage()).contains(property).contains(allowed);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTelemetryConfiguration {

		@Bean
		HttpServerTelemetry userTelemetry(OpenTelemetry openTelemetry) {
			return HttpServerTelemetry.create(openTelemetry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<HttpServerTracingFilter> userTracingFilter(OpenTelemetry openTelemetry) {
			return new FilterRegistrationBean<>(new HttpServerTracingFilter(
					HttpServerTelemetry.create(openTelemetry),
					ExcludedPaths.compile("excluded", List.of()),
					openTelemetry.getPropagators().getTextMapPropagator()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MicrometerTracerConfiguration {

		@Bean
		OtelTracer micrometerTracer(OpenTelemetry openTelemetry) {
			return new OtelTracer(openTelemetry.getTracer("micrometer"), new OtelCurrentTraceContext(), (event) -> {
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationFilterConfiguration {

		@Bean
		FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter() {
			return new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.create()));
		}

	}

}
