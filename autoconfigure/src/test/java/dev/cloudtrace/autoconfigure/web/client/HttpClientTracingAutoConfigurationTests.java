package dev.cloudtrace.autoconfigure.web.client;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpClientTracingAutoConfiguration}.
 */
class HttpClientTracingAutoConfigurationTests {

	// Micrometer Tracing is on the test classpath: the library's interceptor comes wrapped.
	private static final String TRACING_INTERCEPTOR = "dev.cloudtrace.autoconfigure.web.client.SingleClientSpanInterceptor";

	private static final ClientHttpRequestInterceptor USER_INTERCEPTOR = (request, body, execution) -> execution
		.execute(request, body);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
		.withConfiguration(CloudTraceContextRunners.foundation(HttpClientTracingAutoConfiguration.class,
				RestTemplateAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void createsTracingBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HttpClientTelemetry.class)
				.hasBean("cloudTraceHttpClientTelemetry")
				.hasSingleBean(TracingInterceptors.class)
				.hasBean("cloudTraceTracingInterceptors")
				.hasSingleBean(RestTemplateTracingCustomizer.class)
				.hasBean("cloudTraceRestTemplateTracingCustomizer")
				.hasSingleBean(RestClientTracingCustomizer.class)
				.hasBean("cloudTraceRestClientTracingCustomizer")
				.hasSingleBean(RestTemplateTracingBeanPostProcessor.class)
				.hasBean("cloudTraceRestTemplateTracingBeanPostProcessor")
				.hasSingleBean(RestClientTracingBeanPostProcessor.class)
				.hasBean("cloudTraceRestClientTracingBeanPostProcessor");
		});
	}

	@Test
	void addsInterceptorFirstToRestTemplatesFromBuilder() {
		this.contextRunner.run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class)
				.additionalInterceptors(USER_INTERCEPTOR)
				.build();
			assertThat(names(restTemplate.getInterceptors())).containsExactly(TRACING_INTERCEPTOR,
					USER_INTERCEPTOR.getClass().getName());
		});
	}

	@Test
	void usesTracingInterceptorAloneWithoutMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing")).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplateBuilder.class).build();
			assertThat(names(restTemplate.getInterceptors()))
				.containsExactly(ClientSpanInterceptor.class.getName());
		});
	}

	@Test
	void addsInterceptorOnceToRestTemplateBeanBuiltFromBuilder() {
		this.contextRunner.withUserConfiguration(RestTemplateFromBuilderConfiguration.class).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplate.class);
			assertThat(names(restTemplate.getInterceptors())).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void addsInterceptorFirstToPlainRestTemplateBean() {
		this.contextRunner.withUserConfiguration(PlainRestTemplateConfiguration.class).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplate.class);
			assertThat(names(restTemplate.getInterceptors())).containsExactly(TRACING_INTERCEPTOR,
					USER_INTERCEPTOR.getClass().getName());
		});
	}

	@Test
	void addsInterceptorFirstToRestClientsFromBuilder() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class).requestInterceptor(USER_INTERCEPTOR).build();
			assertThat(names(interceptors(restClient))).containsExactly(TRACING_INTERCEPTOR,
					USER_INTERCEPTOR.getClass().getName());
		});
	}

	@Test
	void addsInterceptorOnceToRestClientBeanBuiltFromBuilder() {
		this.contextRunner.withUserConfiguration(RestClientFromBuilderConfiguration.class).run((context) -> {
			RestClient restClient = context.getBean(RestClient.class);
			assertThat(names(interceptors(restClient))).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void addsInterceptorToPlainRestClientAndBuilderBeans() {
		this.contextRunner.withUserConfiguration(PlainRestClientConfiguration.class).run((context) -> {
			assertThat(names(interceptors(context.getBean(RestClient.class)))).containsExactly(TRACING_INTERCEPTOR,
					USER_INTERCEPTOR.getClass().getName());
			RestClient fromUserBuilder = context.getBean("userRestClientBuilder", RestClient.Builder.class).build();
			assertThat(names(interceptors(fromUserBuilder))).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void postProcessesBeansWithoutSpringBootRestClientModule() {
		new ApplicationContextRunner().withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.withConfiguration(CloudTraceContextRunners.foundation(HttpClientTracingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(RestTemplateCustomizer.class, RestClientCustomizer.class))
			.withUserConfiguration(PlainRestTemplateConfiguration.class, PlainRestClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RestTemplateTracingCustomizer.class)
					.doesNotHaveBean(RestClientTracingCustomizer.class);
				assertThat(names(context.getBean(RestTemplate.class).getInterceptors())).first()
					.isEqualTo(TRACING_INTERCEPTOR);
				assertThat(names(interceptors(context.getBean(RestClient.class)))).first()
					.isEqualTo(TRACING_INTERCEPTOR);
			});
	}

	@Test
	void createsNothingWhenClientTracingIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.http.client.enabled=false")
			.withUserConfiguration(PlainRestTemplateConfiguration.class)
			.run((context) -> {
				assertNoTracingBeans(context);
				assertThat(context.getBean(OpenTelemetry.class)).isNotNull();
				assertThat(names(context.getBean(RestTemplate.class).getInterceptors()))
					.containsExactly(USER_INTERCEPTOR.getClass().getName());
				assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
			});
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertNoTracingBeans(context);
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
		});
	}

	@Test
	void createsNothingWithoutInstrumentationApi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Instrumenter.class))
			.run(HttpClientTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	@Test
	void createsNothingWithoutOpenTelemetry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientTracingAutoConfiguration.class))
			.run(HttpClientTracingAutoConfigurationTests::assertNoTracingBeans);
	}

	private static void assertNoTracingBeans(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(HttpClientTelemetry.class)
			.doesNotHaveBean(TracingInterceptors.class)
			.doesNotHaveBean(RestTemplateTracingCustomizer.class)
			.doesNotHaveBean(RestClientTracingCustomizer.class)
			.doesNotHaveBean(RestTemplateTracingBeanPostProcessor.class)
			.doesNotHaveBean(RestClientTracingBeanPostProcessor.class);
	}

	@Test
	void backsOffFromUserTelemetry() {
		this.contextRunner.withUserConfiguration(UserTelemetryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(HttpClientTelemetry.class).doesNotHaveBean("cloudTraceHttpClientTelemetry");
			assertThat(context.getBean(HttpClientTelemetry.class)).isSameAs(UserTelemetryConfiguration.TELEMETRY);
		});
	}

	@Test
	void backsOffFromUserTracingInterceptors() {
		this.contextRunner.withUserConfiguration(UserInterceptorsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TracingInterceptors.class).hasBean("userInterceptors");
		});
	}

	@Test
	void backsOffFromUserCustomizersAndPostProcessors() {
		this.contextRunner.withUserConfiguration(UserCustomizersConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RestTemplateTracingCustomizer.class)
				.hasBean("userRestTemplateCustomizer")
				.hasSingleBean(RestClientTracingCustomizer.class)
				.hasBean("userRestClientCustomizer")
				.hasSingleBean(RestTemplateTracingBeanPostProcessor.class)
				.hasBean("userRestTemplatePostProcessor")
				.hasSingleBean(RestClientTracingBeanPostProcessor.class)
				.hasBean("userRestClientPostProcessor");
		});
	}

	@Test
	void bindsCapturedHeaders() {
		this.contextRunner
			.withPropertyValues("cloudtrace.http.client.captured-request-headers=X-Request-Id,Accept",
					"cloudtrace.http.client.captured-response-headers=X-Served-By")
			.run((context) -> {
				HttpClientTracingProperties properties = context.getBean(HttpClientTracingProperties.class);
				assertThat(properties.getCapturedRequestHeaders()).containsExactly("X-Request-Id", "Accept");
				assertThat(properties.getCapturedResponseHeaders()).containsExactly("X-Served-By");
			});
	}

	@Test
	void failsOnInvalidCapturedRequestHeader() {
		this.contextRunner.withPropertyValues("cloudtrace.http.client.captured-request-headers=X-Ok,X Bad")
			.run((context) -> assertInvalid(context, "cloudtrace.http.client.captured-request-headers[1]", "X Bad"));
	}

	@Test
	void failsOnInvalidCapturedResponseHeader() {
		this.contextRunner.withPropertyValues("cloudtrace.http.client.captured-response-headers=X:Colon")
			.run((context) -> assertInvalid(context, "cloudtrace.http.client.captured-response-headers[0]",
					"X:Colon"));
	}

	static void assertInvalid(AssertableApplicationContext context, String property, String value) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (!(failure instanceof InvalidCloudTracePropertyException) && failure.getCause() != null) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidCloudTracePropertyException.class);
		InvalidCloudTracePropertyException invalid = (InvalidCloudTracePropertyException) failure;
		assertThat(invalid.getProperty()).isEqualTo(property);
		assertThat(invalid.getValue()).isEqualTo(value);
		assertThat(invalid.getAllowed()).contains("header names");
	}

	private static List<String> names(List<ClientHttpRequestInterceptor> interceptors) {
		return interceptors.stream().map((interceptor) -> interceptor.getClass().getName()).toList();
	}

	private static List<ClientHttpRequestInterceptor> interceptors(RestClient restClient) {
		List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>();
		restClient.mutate().requestInterceptors(interceptors::addAll);
		return interceptors;
	}

	@Configuration(proxyBeanMethods = false)
	static class RestTemplateFromBuilderConfiguration {

		@Bean
		RestTemplate restTemplate(RestTemplateBuilder builder) {
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainRestTemplateConfiguration {

		@Bean
		RestTemplate restTemplate() {
			RestTemplate restTemplate = new RestTemplate();
			restTemplate.getInterceptors().add(USER_INTERCEPTOR);
			return restTemplate;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RestClientFromBuilderConfiguration {

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainRestClientConfiguration {

		@Bean
		RestClient restClient() {
			return RestClient.builder().requestInterceptor(USER_INTERCEPTOR).build();
		}

		@Bean
		RestClient.Builder userRestClientBuilder() {
			return RestClient.builder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTelemetryConfiguration {

		static final HttpClientTelemetry TELEMETRY = HttpClientTelemetry.create(OpenTelemetry.noop());

		@Bean
		HttpClientTelemetry userTelemetry() {
			return TELEMETRY;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInterceptorsConfiguration {

		@Bean
		TracingInterceptors userInterceptors(OpenTelemetry openTelemetry) {
			return new TracingInterceptors(HttpClientTelemetry.create(openTelemetry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizersConfiguration {

		@Bean
		RestTemplateTracingCustomizer userRestTemplateCustomizer(TracingInterceptors interceptors) {
			return new RestTemplateTracingCustomizer(interceptors);
		}

		@Bean
		RestClientTracingCustomizer userRestClientCustomizer(TracingInterceptors interceptors) {
			return new RestClientTracingCustomizer(interceptors);
		}

		@Bean
		static RestTemplateTracingBeanPostProcessor userRestTemplatePostProcessor(
				ObjectProvider<TracingInterceptors> interceptors) {
			return new RestTemplateTracingBeanPostProcessor(interceptors);
		}

		@Bean
		static RestClientTracingBeanPostProcessor userRestClientPostProcessor(
				ObjectProvider<TracingInterceptors> interceptors) {
			return new RestClientTracingBeanPostProcessor(interceptors);
		}

	}

}
