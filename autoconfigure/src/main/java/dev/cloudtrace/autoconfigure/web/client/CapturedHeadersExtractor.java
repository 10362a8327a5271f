package dev.cloudtrace.autoconfigure.web.client;

import java.util.List;
import java.util.Locale;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Records the configured request and response headers of a client call as
 * {@code http.request.header.<name>} and {@code http.response.header.<name>} attributes.
 * <p>
 * Hand-written because the library's own header capture cannot run on Spring Framework 7:
 * {@code opentelemetry-spring-web-3.1} 2.21 reads headers with
 * {@code HttpHeaders.getOrDefault(Object, Object)}, a {@code Map} method that Spring 7's
 * {@link HttpHeaders} no longer has, so every traced call would fail with
 * {@link NoSuchMethodError}. The attribute names are those of the HTTP semantic
 * conventions, as the library writes them, computed once.
 */
final class CapturedHeadersExtractor implements AttributesExtractor<HttpRequest, ClientHttpResponse> {

	private final CapturedHeader[] requestHeaders;

	private final CapturedHeader[] responseHeaders;

	private CapturedHeadersExtractor(List<String> requestHeaders, List<String> responseHeaders) {
		this.requestHeaders = capture("http.request.header.", requestHeaders);
		this.responseHeaders = capture("http.response.header.", responseHeaders);
	}

	/**
	 * Creates an extractor, or returns {@code null} if no header is captured.
	 * @param requestHeaders the request headers to capture
	 * @param responseHeaders the response headers to capture
	 * @return the extractor or {@code null}
	 */
	static CapturedHeadersExtractor of(List<String> requestHeaders, List<String> responseHeaders) {
		if (requestHeaders.isEmpty() && responseHeaders.isEmpty()) {
			return null;
		}
		return new CapturedHeadersExtractor(requestHeaders, responseHeaders);
	}

	private static CapturedHeader[] capture(String prefix, List<String> names) {
		return names.stream()
			.map((name) -> name.toLowerCase(Locale.ROOT))
			.distinct()
			.map((name) -> new CapturedHeader(name, AttributeKey.stringArrayKey(prefix + name)))
			.toArray(CapturedHeader[]::new);
	}

	@Override
	public void onStart(AttributesBuilder attributes, Context parentContext, HttpRequest request) {
		put(attributes, this.requestHeaders, request.getHeaders());
	}

	@Override
	public void onEnd(AttributesBuilder attributes, Context context, HttpRequest request, ClientHttpResponse response,
			Throwable error) {
		if (response != null) {
			put(attributes, this.responseHeaders, response.getHeaders());
		}
	}

	private static void put(AttributesBuilder attributes, CapturedHeader[] captured, HttpHeaders headers) {
		for (CapturedHeader header : captured) {
			List<String> values = headers.get(header.name());
			if (values != null && !values.isEmpty()) {
				attributes.put(header.key(), values);
			}
		}
	}

	private record CapturedHeader(String name, AttributeKey<List<String>> key) {
	}

}
