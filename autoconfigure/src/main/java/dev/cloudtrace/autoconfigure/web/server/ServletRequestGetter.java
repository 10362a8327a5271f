package dev.cloudtrace.autoconfigure.web.server;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;

import dev.cloudtrace.autoconfigure.propagation.RepeatedHeadersGetter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the propagation headers of a servlet request, every value of a repeated header
 * included.
 */
enum ServletRequestGetter implements RepeatedHeadersGetter<HttpServletRequest> {

	INSTANCE;

	@Override
	public Iterable<String> keys(HttpServletRequest carrier) {
		return Collections.list(carrier.getHeaderNames());
	}

	@Override
	public @Nullable String get(@Nullable HttpServletRequest carrier, String key) {
		return (carrier != null) ? carrier.getHeader(key) : null;
	}

	@Override
	public Iterator<String> getAll(@Nullable HttpServletRequest carrier, String key) {
		// tracestate and baggage are absent from most requests: looking one value up first
		// spares the container's enumeration of none.
		if (carrier == null || carrier.getHeader(key) == null) {
			return Collections.emptyIterator();
		}
		Enumeration<String> values = carrier.getHeaders(key);
		return (values != null) ? values.asIterator() : Collections.emptyIterator();
	}

}
