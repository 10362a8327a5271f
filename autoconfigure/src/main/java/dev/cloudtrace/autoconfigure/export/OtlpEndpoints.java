package dev.cloudtrace.autoconfigure.export;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import org.jspecify.annotations.Nullable;

/**
 * Validates OTLP endpoint URLs and derives the URL of the traces signal.
 */
public final class OtlpEndpoints {

	private OtlpEndpoints() {
	}

	/**
	 * Parses an endpoint, which must be an absolute http or https URL with a host.
	 * @param property the property that holds it, for the error message
	 * @param endpoint the value
	 * @return the parsed URI
	 */
	public static URI parse(String property, @Nullable String endpoint) {
		URI uri = null;
		try {
			uri = (endpoint != null) ? new URI(endpoint.trim()) : null;
		}
		catch (URISyntaxException ex) {
			// Reported below with the allowed form.
		}
		boolean valid = uri != null && uri.getHost() != null
				&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		InvalidCloudTracePropertyException.check(valid, property, endpoint,
				"use an absolute http:// or https:// URL, e.g. https://telemetry.googleapis.com.");
		return uri;
	}

	/**
	 * Returns the URL that OTLP over HTTP posts spans to: the base URL with
	 * {@code /v1/traces} appended.
	 * @param base the base URL
	 * @return the traces URL
	 */
	public static String tracesUrl(URI base) {
		String url = base.toString();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url.endsWith("/v1/traces") ? url : url + "/v1/traces";
	}

	/**
	 * Returns whether the host of a URI is a loopback address, without any name lookup
	 * beyond {@code localhost}.
	 * @param uri the URI
	 * @return whether the host is loopback
	 */
	public static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		String literal = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		boolean ipv4 = literal.chars().allMatch((c) -> (c >= '0' && c <= '9') || c == '.');
		boolean ipv6 = literal.indexOf(':') >= 0
				&& literal.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
		if (!ipv4 && !ipv6) {
			return false;
		}
		try {
			// A literal address: parsed, never resolved.
			return InetAddress.getByName(literal).isLoopbackAddress();
		}
		catch (Exception ex) {
			return false;
		}
	}

}
