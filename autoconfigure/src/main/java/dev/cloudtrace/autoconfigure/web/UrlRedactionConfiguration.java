package dev.cloudtrace.autoconfigure.web;

import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configuration of the {@link UrlRedactingSpanProcessor}, imported by the server and the
 * client tracing auto-configurations so that it is present when either is.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(SpanProcessor.class)
public final class UrlRedactionConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UrlRedactingSpanProcessor cloudTraceUrlRedactingSpanProcessor() {
		return new UrlRedactingSpanProcessor();
	}

}
