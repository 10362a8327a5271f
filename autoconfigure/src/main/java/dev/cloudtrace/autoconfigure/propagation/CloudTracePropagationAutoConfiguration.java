package dev.cloudtrace.autoconfigure.propagation;

import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the {@link ContextPropagators} that read and write the trace
 * context on the wire, and, when the incoming context is not trusted, of the span
 * processor that links each request's new trace to it.
 */
@AutoConfiguration
@ConditionalOnClass(ContextPropagators.class)
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PropagationProperties.class)
public final class CloudTracePropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ContextPropagators cloudTraceContextPropagators(PropagationProperties properties, ResourceLoader resourceLoader) {
		return ContextPropagatorsFactory.create(properties.getTypes(), properties.isTrustIncoming(),
				resourceLoader.getClassLoader());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpanProcessor.class)
	@ConditionalOnBooleanProperty(name = "cloudtrace.propagation.trust-incoming", havingValue = false)
	static class UntrustedIncomingContextConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IncomingContextLinkProcessor cloudTraceIncomingContextLinkProcessor() {
			return new IncomingContextLinkProcessor();
		}

	}

}
