package dev.cloudtrace.autoconfigure.sdk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Builds the resource that describes this service. Later sources win: SDK defaults, the
 * detected platform, {@code OTEL_RESOURCE_ATTRIBUTES}, the configured attributes, then the
 * {@code service.*} and {@code gcp.project_id} attributes.
 */
final class ServiceResourceFactory {

	static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	static final AttributeKey<String> SERVICE_NAMESPACE = AttributeKey.stringKey("service.namespace");

	static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

	static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

	static final AttributeKey<String> GCP_PROJECT_ID = AttributeKey.stringKey("gcp.project_id");

	private static final String DEFAULT_SERVICE_NAME = "unknown_service:java";

	private ServiceResourceFactory() {
	}

	/**
	 * Builds the resource.
	 * @param properties the resource properties
	 * @param environment looks up properties and environment variables
	 * @param platform the detected platform resource
	 * @param projectId the Google Cloud project id, may be {@code null}
	 * @param serviceVersion the build version, may be {@code null}
	 * @return the resource
	 */
	static Resource create(ResourceProperties properties, Function<String, String> environment, Resource platform,
			@Nullable String projectId, @Nullable String serviceVersion) {
		Map<String, String> fromEnvironment = parseResourceAttributes(environment.apply("OTEL_RESOURCE_ATTRIBUTES"));
		Map<String, String> configured = properties.getAttributes();
		Resource resource = Resource.getDefault()
			.merge(platform)
			.merge(Resource.create(toAttributes(fromEnvironment)))
			.merge(Resource.create(toAttributes(configured)));
		AttributesBuilder service = Attributes.builder();
		service.put(SERVICE_NAME, firstText(properties.getServiceName(), configured.get(SERVICE_NAME.getKey()),
				environment.apply("spring.application.name"), environment.apply("OTEL_SERVICE_NAME"),
				fromEnvironment.get(SERVICE_NAME.getKey()), DEFAULT_SERVICE_NAME));
		putIfText(service, SERVICE_NAMESPACE, properties.getServiceNamespace());
		service.put(SERVICE_INSTANCE_ID, firstText(properties.getServiceInstanceId(),
				resource.getAttribute(SERVICE_INSTANCE_ID), UUID.randomUUID().toString()));
		if (resource.getAttribute(SERVICE_VERSION) == null) {
			putIfText(service, SERVICE_VERSION, serviceVersion);
		}
		putIfText(service, GCP_PROJECT_ID, projectId);
		return resource.merge(Resource.create(service.build()));
	}

	/**
	 * Parses the W3C-baggage-like {@code key1=value1,key2=value2} format of
	 * {@code OTEL_RESOURCE_ATTRIBUTES}, with percent-encoded values. Written here because
	 * the SDK's parser lives in its autoconfigure module, which this starter does not ship.
	 * Malformed entries are skipped.
	 * @param value the variable's value, may be {@code null}
	 * @return the attributes, in order
	 */
	static Map<String, String> parseResourceAttributes(String value) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (!StringUtils.hasText(value)) {
			return attributes;
		}
		for (String entry : value.split(",")) {
			int equals = entry.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = entry.substring(0, equals).trim();
			try {
				String decoded = URLDecoder.decode(entry.substring(equals + 1).trim().replace("+", "%2B"),
						StandardCharsets.UTF_8);
				if (!key.isEmpty()) {
					attributes.put(key, decoded);
				}
			}
			catch (IllegalArgumentException ex) {
				// A malformed percent-escape: skip this entry, keep the others.
			}
		}
		return attributes;
	}

	private static Attributes toAttributes(Map<String, String> values) {
		AttributesBuilder builder = Attributes.builder();
		values.forEach((key, value) -> {
			if (StringUtils.hasText(key) && value != null) {
				builder.put(AttributeKey.stringKey(key), value);
			}
		});
		return builder.build();
	}

	private static void putIfText(AttributesBuilder builder, AttributeKey<String> key, String value) {
		if (StringUtils.hasText(value)) {
			builder.put(key, value);
		}
	}

	private static @Nullable String firstText(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
