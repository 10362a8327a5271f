package dev.cloudtrace.autoconfigure.web.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Reads the HTTP semantic-convention attributes of a server span from the servlet request
 * and response.
 */
enum ServletHttpAttributesGetter implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse> {

	INSTANCE;

	private static final String HTTP_PROTOCOL_PREFIX = "HTTP/";

	@Override
	public String getHttpRequestMethod(HttpServletRequest request) {
		return request.getMethod();
	}

	@Override
	public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
		// The extractors ask for about eight headers per span (Forwarded, X-Forwarded-*, Host,
		// User-Agent), most of them absent: those now cost a lookup and no allocation.
		String first = request.getHeader(name);
		if (first == null) {
			return Collections.emptyList();
		}
		Enumeration<String> values = request.getHeaders(name);
		return (values != null) ? Collections.list(values) : Collections.singletonList(first);
	}

	@Override
	public Integer getHttpResponseStatusCode(HttpServletRequest request, HttpServletResponse response,
			@Nullable Throwable error) {
		// The container answers 500 for an exception that no error page handled (Servlet
		// specification, 10.9.2), but the response does not show it yet.
		return (error != null && !response.isCommitted()) ? 500 : response.getStatus();
	}

	@Override
	public List<String> getHttpResponseHeader(HttpServletRequest request, HttpServletResponse response,
			String name) {
		Collection<String> values = response.getHeaders(name);
		if (values == null) {
			return Collections.emptyList();
		}
		return (values instanceof List<String> list) ? list : new ArrayList<>(values);
	}

	@Override
	public String getUrlScheme(HttpServletRequest request) {
		return request.getScheme();
	}

	@Override
	public String getUrlPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	@Override
	public @Nullable String getUrlQuery(HttpServletRequest request) {
		return request.getQueryString();
	}

	@Override
	public @Nullable String getNetworkProtocolName(HttpServletRequest request, HttpServletResponse response) {
		String protocol = request.getProtocol();
		return (protocol != null && protocol.startsWith(HTTP_PROTOCOL_PREFIX)) ? "http" : null;
	}

	@Override
	public @Nullable String getNetworkProtocolVersion(HttpServletRequest request, HttpServletResponse response) {
		String protocol = request.getProtocol();
		return (protocol != null && protocol.startsWith(HTTP_PROTOCOL_PREFIX))
				? protocol.substring(HTTP_PROTOCOL_PREFIX.length()) : null;
	}

	@Override
	public String getNetworkPeerAddress(HttpServletRequest request, HttpServletResponse response) {
		return request.getRemoteAddr();
	}

	@Override
	public Integer getNetworkPeerPort(HttpServletRequest request, HttpServletResponse response) {
		return request.getRemotePort();
	}

	@Override
	public String getNetworkLocalAddress(HttpServletRequest request, HttpServletResponse response) {
		return request.getLocalAddr();
	}

	@Override
	public Integer getNetworkLocalPort(HttpServletRequest request, HttpServletResponse response) {
		return request.getLocalPort();
	}

}
