package dev.cloudtrace.autoconfigure.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Redacts the values of query parameters that carry credentials, in a query string or a
 * URL, replacing each with {@value #REDACTED}.
 * <p>
 * Parameter names are compared ignoring case (after percent-decoding) with:
 * <ul>
 * <li>signed URLs: {@code sig} (Azure), {@code Signature} and {@code AWSAccessKeyId} (AWS
 * query signing version 2), {@code X-Amz-Signature}, {@code X-Amz-Credential} and
 * {@code X-Amz-Security-Token} (AWS version 4), {@code X-Goog-Signature} (Google Cloud
 * Storage), the four of them that OpenTelemetry's client instrumentation already redacts
 * included;</li>
 * <li>tokens: {@code access_token}, {@code id_token}, {@code refresh_token}, {@code token};</li>
 * <li>keys and secrets: {@code key} (Google API keys), {@code api_key}, {@code apikey},
 * {@code client_secret}, {@code secret}, {@code password}, {@code passwd}, {@code pwd}.</li>
 * </ul>
 * Hand-written because OpenTelemetry's instrumentation redacts only the four signed-URL
 * parameters, only in {@code url.full}, and not in the {@code url.query} of server spans.
 */
public final class SensitiveQueryParameters {

	/**
	 * What a redacted value is replaced with, as OpenTelemetry's instrumentation does.
	 */
	public static final String REDACTED = "REDACTED";

	private static final Set<String> NAMES = Set.of("sig", "signature", "awsaccesskeyid", "x-amz-signature",
			"x-amz-credential", "x-amz-security-token", "x-goog-signature", "access_token", "id_token",
			"refresh_token", "token", "key", "api_key", "apikey", "client_secret", "secret", "password", "passwd",
			"pwd");

	private SensitiveQueryParameters() {
	}

	/**
	 * Whether a query parameter's value is redacted.
	 * @param name the parameter name, percent-encoded or not
	 * @return {@code true} if its value is a credential
	 */
	public static boolean isSensitive(String name) {
		return isSensitive(name, 0, name.length());
	}

	/**
	 * Redacts a query string (without its {@code ?}).
	 * @param query the query string
	 * @return the same string if nothing was redacted, else a redacted copy
	 */
	public static String redactQuery(String query) {
		return redact(query, 0, query.length());
	}

	/**
	 * Redacts the query of a URL, between its first {@code ?} and any {@code #}.
	 * @param url the URL
	 * @return the same string if nothing was redacted, else a redacted copy
	 */
	public static String redactUrl(String url) {
		int query = url.indexOf('?');
		if (query < 0) {
			return url;
		}
		int fragment = url.indexOf('#', query);
		return redact(url, query + 1, (fragment < 0) ? url.length() : fragment);
	}

	private static String redact(String value, int from, int to) {
		StringBuilder redacted = null;
		int copied = 0;
		int start = from;
		while (start < to) {
			int end = value.indexOf('&', start);
			if (end < 0 || end > to) {
				end = to;
			}
			int equals = indexOf(value, '=', start, end);
			if (equals >= 0 && isSensitive(value, start, equals)
					&& !isRedacted(value, equals + 1, end)) {
				if (redacted == null) {
					redacted = new StringBuilder(value.length());
				}
				redacted.append(value, copied, equals + 1).append(REDACTED);
				copied = end;
			}
			start = end + 1;
		}
		if (redacted == null) {
			return value;
		}
		return redacted.append(value, copied, value.length()).toString();
	}

	// String.indexOf would search past the parameter, and again for every parameter.
	private static int indexOf(String value, char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (value.charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isRedacted(String value, int from, int to) {
		return to - from == REDACTED.length() && value.startsWith(REDACTED, from);
	}

	private static boolean isSensitive(String value, int from, int to) {
		String name = value.substring(from, to);
		if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) {
			try {
				name = URLDecoder.decode(name, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// Malformed escapes: compare the name as sent.
			}
		}
		return NAMES.contains(name.toLowerCase(Locale.ROOT));
	}

}
