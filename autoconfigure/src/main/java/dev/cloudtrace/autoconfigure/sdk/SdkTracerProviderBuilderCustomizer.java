package dev.cloudtrace.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Callback to customize the {@link SdkTracerProviderBuilder} before the tracer provider is
 * built; applied in order.
 */
@FunctionalInterface
public interface SdkTracerProviderBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(SdkTracerProviderBuilder builder);

}
