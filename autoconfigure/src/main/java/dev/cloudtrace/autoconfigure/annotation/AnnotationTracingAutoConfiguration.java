package dev.cloudtrace.autoconfigure.annotation;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.api.annotation.support.MethodSpanAttributesExtractor;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategy;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.reactor.v3_1.ReactorAsyncOperationEndStrategy;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of spans for methods annotated with {@link WithSpan}: a bean
 * post-processor that proxies the beans with such methods.
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass({ WithSpan.class, Instrumenter.class, MethodSpanAttributesExtractor.class,
		CodeAttributesExtractor.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cloudtrace.annotations.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(AnnotationTracingProperties.class)
public final class AnnotationTracingAutoConfiguration {

	// Static, and given providers only: a bean post-processor is created before other beans,
	// and the interceptor looks the SDK up on the first traced call.
	@Bean
	@ConditionalOnMissingBean
	static WithSpanAdvisingPostProcessor cloudTraceWithSpanAdvisingPostProcessor(
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<AsyncOperationEndStrategy> asyncEndStrategies) {
		return new WithSpanAdvisingPostProcessor(new WithSpanMethodInterceptor(openTelemetry::getObject,
				() -> asyncEndStrategies.orderedStream().toList()));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Mono.class, ReactorAsyncOperationEndStrategy.class })
	static class ReactorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorAsyncOperationEndStrategy cloudTraceReactorAsyncEndStrategy() {
			return ReactorAsyncOperationEndStrategy.create();
		}

	}

}
