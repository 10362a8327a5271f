package dev.cloudtrace.autoconfigure.web.client;

import java.io.IOException;
import java.util.List;

import io.opentelemetry.instrumentation.api.semconv.http.HttpClientAttributesGetter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads the HTTP semantic-convention attributes of a client span from Spring's request and
 * response.
 * <p>
 * Headers are read with {@code HttpHeaders.getValuesAsList}, which Spring Framework 6.2 and
 * 7 both have; {@code HttpHeaders} stopped being a {@code Map} in 7.
 */
enum SpringHttpClientAttributesGetter implements HttpClientAttributesGetter<HttpRequest, ClientHttpResponse> {

	INSTANCE;

	@Override
	public String getHttpRequestMethod(HttpRequest request) {
		return request.getMethod().name();
	}

	@Override
	public String getUrlFull(HttpRequest request) {
		return request.getURI().toString();
	}

	@Override
	public List<String> getHttpRequestHeader(HttpRequest request, String name) {
		return request.getHeaders().getValuesAsList(name);
	}

	@Override
	public @Nullable Integer getHttpResponseStatusCode(HttpRequest request, ClientHttpResponse response,
			@Nullable Throwable error) {
		try {
			return response.getStatusCode().value();
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public List<String> getHttpResponseHeader(HttpRequest request, ClientHttpResponse response, String name) {
		return response.getHeaders().getValuesAsList(name);
	}

	@Override
	public @Nullable String getServerAddress(HttpRequest request) {
		return request.getURI().getHost();
	}

	@Override
	public Integer getServerPort(HttpRequest request) {
		return request.getURI().getPort();
	}

}
