package dev.cloudtrace.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Callback to customize the {@link SdkTracerProviderBuilder} before the tracer provider is
 * built; applied in order, after the beans of Spring Boot 4's own
 * {@code SdkTracerProviderBuilderCustomizer}, so that these win where both set something.
 */
@FunctionalInterface
public interface SdkTracerProviderBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SdkTracerProviderBuilder builder);

}
