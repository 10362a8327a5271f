package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Reads propagation headers from a map of header names to values, for propagator tests.
 */
public enum MapGetter implements TextMapGetter<Map<String, String>> {

	/**
	 * The getter.
	 */
	INSTANCE;

	@Override
	public Iterable<String> keys(Map<String, String> carrier) {
		return carrier.keySet();
	}

	@Override
	public String get(Map<String, String> carrier, String key) {
		return (carrier != null) ? carrier.get(key) : null;
	}

}
