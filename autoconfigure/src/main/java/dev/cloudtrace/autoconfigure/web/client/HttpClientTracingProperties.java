package dev.cloudtrace.autoconfigure.web.client;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.web.CapturedHeaders;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the client spans created for outgoing HTTP calls.
 */
@ConfigurationProperties("cloudtrace.http.client")
public class HttpClientTracingProperties implements InitializingBean {

	/**
	 * Whether to create a client span, and send the trace context, for every call made with
	 * a RestTemplate or RestClient.
	 */
	private boolean enabled = true;

	/**
	 * Request headers recorded as 'http.request.header.<name>' span attributes. Headers
	 * that carry credentials, such as Authorization and Cookie, are never recorded.
	 */
	private List<String> capturedRequestHeaders = new ArrayList<>();

	/**
	 * Response headers recorded as 'http.response.header.<name>' span attributes. Headers
	 * that carry credentials, such as Set-Cookie, are never recorded.
	 */
	private List<String> capturedResponseHeaders = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getCapturedRequestHeaders() {
		return this.capturedRequestHeaders;
	}

	public void setCapturedRequestHeaders(List<String> capturedRequestHeaders) {
		this.capturedRequestHeaders = capturedRequestHeaders;
	}

	public List<String> getCapturedResponseHeaders() {
		return this.capturedResponseHeaders;
	}

	public void setCapturedResponseHeaders(List<String> capturedResponseHeaders) {
		this.capturedResponseHeaders = capturedResponseHeaders;
	}

	@Override
	public void afterPropertiesSet() {
		CapturedHeaders.check("cloudtrace.http.client.captured-request-headers", this.capturedRequestHeaders);
		CapturedHeaders.check("cloudtrace.http.client.captured-response-headers", this.capturedResponseHeaders);
	}

}
