package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.propagation.RepeatedHeadersGetter;

/**
 * Reads propagation headers from a map of header names to every value of the header, as a
 * servlet request holds repeated headers, for propagator tests.
 */
public enum MultiMapGetter implements RepeatedHeadersGetter<Map<String, List<String>>> {

	/**
	 * The getter.
	 */
	INSTANCE;

	@Override
	public Iterable<String> keys(Map<String, List<String>> carrier) {
		return carrier.keySet();
	}

	@Override
	public String get(Map<String, List<String>> carrier, String key) {
		List<String> values = carrier.get(key);
		return (values != null) ? values.get(0) : null;
	}

	@Override
	public Iterator<String> getAll(Map<String, List<String>> carrier, String key) {
		return carrier.getOrDefault(key, List.of()).iterator();
	}

}
