package dev.cloudtrace.autoconfigure.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the OpenTelemetry {@code Resource} that describes the service emitting the
 * spans.
 */
@ConfigurationProperties("cloudtrace.resource")
public class ResourceProperties {

	/**
	 * Value of 'service.name'. Defaults to spring.application.name, then the
	 * OTEL_SERVICE_NAME environment variable, then 'unknown_service:java'.
	 */
	private String serviceName;

	/**
	 * Value of 'service.namespace', grouping services of one system.
	 */
	private String serviceNamespace;

	/**
	 * Value of 'service.instance.id'. Defaults to a random UUID per process.
	 */
	private String serviceInstanceId;

	/**
	 * Extra resource attributes. They win over OTEL_RESOURCE_ATTRIBUTES and the detected
	 * platform attributes.
	 */
	private Map<String, String> attributes = new LinkedHashMap<>();

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public String getServiceNamespace() {
		return this.serviceNamespace;
	}

	public void setServiceNamespace(String serviceNamespace) {
		this.serviceNamespace = serviceNamespace;
	}

	public String getServiceInstanceId() {
		return this.serviceInstanceId;
	}

	public void setServiceInstanceId(String serviceInstanceId) {
		this.serviceInstanceId = serviceInstanceId;
	}

	public Map<String, String> getAttributes() {
		return this.attributes;
	}

	public void setAttributes(Map<String, String> attributes) {
		this.attributes = attributes;
	}

}
