package dev.cloudtrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Validates the HTTP header names listed in a {@code captured-*-headers} property and
 * keeps headers that carry credentials off spans.
 * <p>
 * Headers that carry credentials are never captured, whichever property lists them:
 * {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie},
 * {@code X-Api-Key}, {@code X-Goog-Api-Key}, {@code X-Auth-Token},
 * {@code X-Serverless-Authorization} (Cloud Run), {@code X-Goog-IAP-JWT-Assertion} (Identity-Aware
 * Proxy) and {@code X-Amz-Security-Token}. Listing one is not an error, so that a shared
 * configuration cannot stop an application, but it is refused with a warning at startup.
 */
public final class CapturedHeaders {

	private static final Log logger = LogFactory.getLog(CapturedHeaders.class);

	private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie",
			"set-cookie", "x-api-key", "x-goog-api-key", "x-auth-token", "x-serverless-authorization",
			"x-goog-iap-jwt-assertion", "x-amz-security-token");

	private CapturedHeaders() {
	}

	/**
	 * Checks that every entry is an HTTP field name (an RFC 9110 token).
	 * @param property the property name, for the error message
	 * @param names the configured header names
	 * @throws InvalidCloudTracePropertyException if an entry is not a valid header name
	 */
	public static void check(String property, List<String> names) {
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			InvalidCloudTracePropertyException.check(isToken(name), property + "[" + i + "]", name,
					"use HTTP header names (letters, digits and !#$%&'*+-.^_`|~, no spaces), e.g. X-Request-Id.");
		}
	}

	/**
	 * Whether a header carries credentials and is never captured.
	 * @param name the header name, of any case
	 * @return {@code true} if the header is refused
	 */
	public static boolean isCredential(String name) {
		return CREDENTIALS.contains(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns the headers to capture: the configured ones except those that carry
	 * credentials, which are named in one warning.
	 * @param property the property name, for the warning
	 * @param names the configured header names
	 * @return the names that may be captured
	 */
	public static List<String> withoutCredentials(String property, List<String> names) {
		List<String> allowed = new ArrayList<>(names.size());
		List<String> refused = new ArrayList<>();
		for (String name : names) {
			(isCredential(name) ? refused : allowed).add(name);
		}
		if (!refused.isEmpty()) {
			logger.warn(property + " lists " + String.join(", ", refused)
					+ ", which carry credentials: they are not captured. Remove them from the property.");
		}
		return allowed;
	}

	private static boolean isToken(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			if (!isTokenChar(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTokenChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

}
