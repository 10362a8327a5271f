package dev.cloudtrace.autoconfigure.boot3.sdk;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Applies Spring Boot 3's {@link SdkTracerProviderBuilderCustomizer} beans, in their order,
 * as one of the starter's own customizers.
 * <p>
 * It runs first among the starter's customizers ({@link Ordered#HIGHEST_PRECEDENCE}): where
 * a Spring Boot customizer and a
 * {@link dev.cloudtrace.autoconfigure.sdk.SdkTracerProviderBuilderCustomizer} bean (the
 * starter's or the application's) set the same thing, such as the sampler, the latter wins;
 * span processors that both add are all kept.
 */
public class Boot3SdkTracerProviderBuilderCustomizers
		implements dev.cloudtrace.autoconfigure.sdk.SdkTracerProviderBuilderCustomizer, Ordered {

	private final ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers;

	public Boot3SdkTracerProviderBuilderCustomizers(ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers) {
		this.customizers = customizers;
	}

	@Override
	public void customize(SdkTracerProviderBuilder builder) {
		// Looked up when the tracer provider is built, as Spring Boot 3 does, rather than
		// when this bean is created.
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
