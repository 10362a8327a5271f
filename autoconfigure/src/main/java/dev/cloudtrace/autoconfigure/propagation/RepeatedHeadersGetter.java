package dev.cloudtrace.autoconfigure.propagation;

import java.util.Iterator;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TextMapGetter} that reads every value of a repeated header, on every
 * OpenTelemetry line the starter supports.
 * <p>
 * OpenTelemetry 1.50 added {@code TextMapGetter.getAll} as a default method; 1.49 (Spring
 * Boot 3.5's line) has no such method, so a getter there could only offer the first value.
 * This interface declares the same method, so an implementation serves the starter's
 * propagators on 1.49 and OpenTelemetry's own propagators on later lines alike.
 *
 * @param <C> the type of the carrier
 */
public interface RepeatedHeadersGetter<C> extends TextMapGetter<C> {

	/**
	 * Returns every value of a header, in the order they arrived.
	 * @param carrier the carrier, may be {@code null}
	 * @param key the header name
	 * @return the values, none when the header is absent
	 */
	Iterator<String> getAll(@Nullable C carrier, String key);

}
