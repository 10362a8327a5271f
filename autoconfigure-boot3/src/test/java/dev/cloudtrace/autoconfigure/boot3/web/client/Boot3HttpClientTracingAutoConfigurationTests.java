package dev.cloudtrace.autoconfigure.boot3.web.client;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.boot3.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.web.client.HttpClientTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Boot3HttpClientTracingAutoConfiguration}, on Spring Boot 3.
 */
class Boot3HttpClientTracingAutoConfigurationTests {

	// Without Micrometer Tracing on the classpath, the library's interceptor comes unwrapped.
	private static final String TRACING_INTERCEPTOR = "dev.cloudtrace.autoconfigure.web.client.ClientSpanInterceptor";

	private static final ClientHttpRequestInterceptor USER_INTERCEPTOR = (request, body, execution) -> execution
		.execute(request, body);

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline(
			HttpClientTracingAutoConfiguration.class, Boot3HttpClientTracingAutoConfiguration.class,
			RestTemplateAutoConfiguration.class, RestClientAutoConfiguration.class);

	@Test
	void createsCustomizersForSpringBoot3Builders() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(Boot3RestTemplateTracingCustomizer.class)
			.hasBean("cloudTraceBoot3RestTemplateTracingCustomizer")
			.hasSingleBean(Boot3RestClientTracingCustomizer.class)
			.hasBean("cloudTraceBoot3RestClientTracingCustomizer"));
	}

	@Test
	void backsOffFromUserRestTemplateCustomizer() {
		this.contextRunner.withUserConfiguration(UserRestTemplateCustomizerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Boot3RestTemplateTracingCustomizer.class)
				.hasBean("userRestTemplateCustomizer")
				.hasBean("cloudTraceBoot3RestClientTracingCustomizer"));
	}

	@Test
	void backsOffFromUserRestClientCustomizer() {
		this.contextRunner.withUserConfiguration(UserRestClientCustomizerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Boot3RestClientTracingCustomizer.class)
				.hasBean("userRestClientCustomizer")
				.hasBean("cloudTraceBoot3RestTemplateTracingCustomizer"));
	}

	@Test
	void createsNothingWhenCloudTraceIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertNoCustomizers(context);
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
			assertThat(interceptors(context.getBean(RestClient.Builder.class).build())).isEmpty();
		});
	}

	@Test
	void createsNothingWhenClientTracingIsDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.http.client.enabled=false").run((context) -> {
			assertNoCustomizers(context);
			assertThat(context.getBean(RestTemplateBuilder.class).build().getInterceptors()).isEmpty();
			assertThat(interceptors(context.getBean(RestClient.Builder.class).build())).isEmpty();
		});
	}

	@Test
	void createsNothingWithoutTracingInterceptors() {
		CloudTraceContextRunners.offline(Boot3HttpClientTracingAutoConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(TracingInterceptors.class)
				.doesNotHaveBean(Boot3RestTemplateTracingCustomizer.class)
				.doesNotHaveBean(Boot3RestClientTracingCustomizer.class));
	}

	@Test
	void createsNothingWithoutSpringBoot3RestTemplateBuilder() {
		// As on Spring Boot 4, where org.springframework.boot.web.client has no builder.
		CloudTraceContextRunners
			.offline(HttpClientTracingAutoConfiguration.class, Boot3HttpClientTracingAutoConfiguration.class)
			.withClassLoader(new FilteredClassLoader(RestTemplateBuilder.class))
			.run((context) -> assertThat(context).hasSingleBean(TracingInterceptors.class)
				.doesNotHaveBean(Boot3RestTemplateTracingCustomizer.class)
				.doesNotHaveBean(Boot3RestClientTracingCustomizer.class));
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
	void addsInterceptorOnceToEachRestTemplateBuiltTwice() {
		this.contextRunner.run((context) -> {
			RestTemplateBuilder builder = context.getBean(RestTemplateBuilder.class);
			RestTemplate first = builder.build();
			RestTemplate second = builder.build();
			builder.configure(first);
			assertThat(names(first.getInterceptors())).containsExactly(TRACING_INTERCEPTOR);
			assertThat(names(second.getInterceptors())).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void addsInterceptorOnceToRestTemplateBeanBuiltFromBuilder() {
		// The starter's bean post-processor adds the interceptor to this bean as well.
		this.contextRunner.withUserConfiguration(RestTemplateFromBuilderConfiguration.class).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplate.class);
			assertThat(names(restTemplate.getInterceptors())).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void addsInterceptorFirstToRestClientsFromBuilder() {
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean(RestClient.Builder.class)
				.requestInterceptor(USER_INTERCEPTOR)
				.build();
			assertThat(names(interceptors(restClient))).containsExactly(TRACING_INTERCEPTOR,
					USER_INTERCEPTOR.getClass().getName());
		});
	}

	@Test
	void addsInterceptorOnceToEachRestClientBuiltTwice() {
		this.contextRunner.run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			RestClient first = builder.build();
			RestClient second = builder.build();
			assertThat(names(interceptors(first))).containsExactly(TRACING_INTERCEPTOR);
			assertThat(names(interceptors(second))).containsExactly(TRACING_INTERCEPTOR);
			assertThat(names(interceptors(first.mutate().build()))).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	@Test
	void addsInterceptorOnceToRestClientBeanBuiltFromBuilder() {
		this.contextRunner.withUserConfiguration(RestClientFromBuilderConfiguration.class).run((context) -> {
			RestClient restClient = context.getBean(RestClient.class);
			assertThat(names(interceptors(restClient))).containsExactly(TRACING_INTERCEPTOR);
		});
	}

	private static void assertNoCustomizers(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed()
			.doesNotHaveBean(Boot3RestTemplateTracingCustomizer.class)
			.doesNotHaveBean(Boot3RestClientTracingCustomizer.class);
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
	static class RestClientFromBuilderConfiguration {

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRestTemplateCustomizerConfiguration {

		@Bean
		Boot3RestTemplateTracingCustomizer userRestTemplateCustomizer(TracingInterceptors interceptors) {
			return new Boot3RestTemplateTracingCustomizer(interceptors);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRestClientCustomizerConfiguration {

		@Bean
		Boot3RestClientTracingCustomizer userRestClientCustomizer(TracingInterceptors interceptors) {
			return new Boot3RestClientTracingCustomizer(interceptors);
		}

	}

}
