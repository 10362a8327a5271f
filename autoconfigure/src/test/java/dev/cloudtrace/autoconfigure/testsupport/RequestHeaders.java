package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.grpc.Metadata;

/**
 * Builds the read-only, case-insensitive header maps the fakes record.
 */
final class RequestHeaders {

	private RequestHeaders() {
	}

	/**
	 * Repeated headers are joined with commas, as HTTP allows.
	 */
	static Map<String, String> of(Map<String, List<String>> headers) {
		Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> result.merge(name, String.join(",", values), (a, b) -> a + "," + b));
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Binary ({@code -bin}) metadata is left out: the fakes only assert on text headers.
	 */
	static Map<String, String> of(Metadata metadata) {
		Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : metadata.keys()) {
			if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
				result.put(name, String.join(",", values));
			}
		}
		return Collections.unmodifiableMap(result);
	}

}
