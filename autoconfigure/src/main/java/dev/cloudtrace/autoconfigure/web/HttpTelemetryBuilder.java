package dev.cloudtrace.autoconfigure.web;

import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;

/**
 * What the server and client telemetry builders share: the OpenTelemetry instance and the
 * headers recorded as span attributes.
 *
 * @param <B> the type of the builder
 */
public abstract class HttpTelemetryBuilder<B extends HttpTelemetryBuilder<B>> {

	private final OpenTelemetry openTelemetry;

	private List<String> capturedRequestHeaders = List.of();

	private List<String> capturedResponseHeaders = List.of();

	protected HttpTelemetryBuilder(OpenTelemetry openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	/**
	 * Sets the request headers recorded as {@code http.request.header.<name>}.
	 * @param headers the header names
	 * @return this builder
	 */
	public B setCapturedRequestHeaders(Collection<String> headers) {
		this.capturedRequestHeaders = List.copyOf(headers);
		return self();
	}

	/**
	 * Sets the response headers recorded as {@code http.response.header.<name>}.
	 * @param headers the header names
	 * @return this builder
	 */
	public B setCapturedResponseHeaders(Collection<String> headers) {
		this.capturedResponseHeaders = List.copyOf(headers);
		return self();
	}

	protected OpenTelemetry getOpenTelemetry() {
		return this.openTelemetry;
	}

	protected Collection<String> getCapturedRequestHeaders() {
		return this.capturedRequestHeaders;
	}

	protected Collection<String> getCapturedResponseHeaders() {
		return this.capturedResponseHeaders;
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

}
