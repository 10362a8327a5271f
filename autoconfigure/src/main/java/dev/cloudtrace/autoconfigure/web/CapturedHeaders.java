package dev.cloudtrace.autoconfigure.web;

import java.util.List;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;

/**
 * Validates the HTTP header names listed in a {@code captured-*-headers} property.
 */
public final class CapturedHeaders {

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

	private static boolean isToken(String name) {
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
