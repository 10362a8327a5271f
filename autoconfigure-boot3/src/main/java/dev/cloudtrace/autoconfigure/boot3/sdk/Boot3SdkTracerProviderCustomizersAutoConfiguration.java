package dev.cloudtrace.autoconfigure.boot3.sdk;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that applies Spring Boot 3's {@link SdkTracerProviderBuilderCustomizer}
 * beans to the tracer provider of {@link CloudTraceSdkAutoConfiguration}, before the
 * starter's own customizers (see {@link Boot3SdkTracerProviderBuilderCustomizers} for which
 * wins). Inactive on Spring Boot 4, which has no such type in
 * {@code org.springframework.boot.actuate.autoconfigure.tracing}.
 */
@AutoConfiguration(before = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass(value = SdkTracerProvider.class,
		name = "org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer")
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
public final class Boot3SdkTracerProviderCustomizersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Boot3SdkTracerProviderBuilderCustomizers cloudTraceBoot3SdkTracerProviderBuilderCustomizers(
			ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers) {
		return new Boot3SdkTracerProviderBuilderCustomizers(customizers);
	}

}
