package dev.cloudtrace.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application.
 *
 * @param backendUrl base URL of the backend; empty to call this same process
 * @param firstRequest whether to call the frontend once at startup, so the first trace
 * appears without any curl
 */
@ConfigurationProperties("sample")
public record SampleProperties(String backendUrl, boolean firstRequest) {
}
