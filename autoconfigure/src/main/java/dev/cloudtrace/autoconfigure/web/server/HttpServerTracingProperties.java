package dev.cloudtrace.autoconfigure.web.server;

import java.util.ArrayList;
import java.util.List;

import dev.cloudtrace.autoconfigure.web.CapturedHeaders;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the server spans created for incoming HTTP requests.
 */
@ConfigurationProperties("cloudtrace.http.server")
public class HttpServerTracingProperties implements InitializingBean {

	/**
	 * Whether to create a server span for every request the application serves.
	 */
	private boolean enabled = true;

	/**
	 * Path patterns in Spring MVC's PathPattern syntax, not Ant-style (?, *, {name}, and **
	 * or {*name} at the end but never between two segments, so '/actuator/**' also matches
	 * '/actuator'), of requests that get no span. Each starts with '/' and is matched
	 * against the path after the context path. The trace context of such a request is still
	 * read, so calls it makes continue the incoming trace.
	 */
	private List<String> excludedPaths = new ArrayList<>(List.of("/actuator/**"));

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

	public List<String> getExcludedPaths() {
		return this.excludedPaths;
	}

	public void setExcludedPaths(List<String> excludedPaths) {
		this.excludedPaths = excludedPaths;
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
		ExcludedPaths.compile("cloudtrace.http.server.excluded-paths", this.excludedPaths);
		CapturedHeaders.check("cloudtrace.http.server.captured-request-headers", this.capturedRequestHeaders);
		CapturedHeaders.check("cloudtrace.http.server.captured-response-headers", this.capturedResponseHeaders);
	}

}
