/**
 * Spring Boot 3's {@code SdkTracerProviderBuilderCustomizer} beans, applied to the starter's tracer provider.
 */
package dev.cloudtrace.autoconfigure.boot3.sdk;
