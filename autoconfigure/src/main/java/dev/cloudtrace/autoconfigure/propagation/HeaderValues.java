package dev.cloudtrace.autoconfigure.propagation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * Reads every value of a header through a {@link TextMapGetter}: all of them from a
 * {@link RepeatedHeadersGetter} (the starter's own getters) on every line, and from other
 * getters where the OpenTelemetry API has {@code TextMapGetter.getAll} (1.50 and later, so
 * Spring Boot 4.x); only the first one from other getters on OpenTelemetry 1.49 (Spring
 * Boot 3.5), as OpenTelemetry's own propagators read there.
 * <p>
 * The starter is built against 1.49, which lacks the method, and calling it directly would
 * fail with a {@code NoSuchMethodError} there; so it is looked up once on the public
 * interface and called through a method handle.
 */
final class HeaderValues {

	private static final @Nullable MethodHandle GET_ALL = findGetAll();

	private HeaderValues() {
	}

	/**
	 * Returns the values of a header, in the order they arrived.
	 * @param <C> the type of the carrier
	 * @param getter reads the carrier
	 * @param carrier the carrier
	 * @param name the header name
	 * @return the values, none when the header is absent
	 */
	@SuppressWarnings("unchecked")
	static <C> Iterator<String> all(TextMapGetter<C> getter, @Nullable C carrier, String name) {
		if (getter instanceof RepeatedHeadersGetter<C> repeated) {
			Iterator<String> values = repeated.getAll(carrier, name);
			return (values != null) ? values : Collections.emptyIterator();
		}
		if (GET_ALL != null) {
			Iterator<String> values;
			try {
				values = (Iterator<String>) GET_ALL.invoke(getter, carrier, name);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
			return (values != null) ? values : Collections.emptyIterator();
		}
		String value = getter.get(carrier, name);
		return (value != null) ? Collections.singletonList(value).iterator() : Collections.emptyIterator();
	}

	/**
	 * Returns whether every value of a repeated header is read from a getter that is not a
	 * {@link RepeatedHeadersGetter}, which depends on the OpenTelemetry API on the classpath.
	 * @return {@code true} on OpenTelemetry 1.50 and later
	 */
	static boolean readsRepeatedHeadersOfAnyGetter() {
		return GET_ALL != null;
	}

	/**
	 * Returns the value of a header that may arrive only once.
	 * @param <C> the type of the carrier
	 * @param getter reads the carrier
	 * @param carrier the carrier
	 * @param name the header name
	 * @return its only value, or {@code null} when the header is absent or repeated
	 */
	static <C> @Nullable String single(TextMapGetter<C> getter, @Nullable C carrier, String name) {
		Iterator<String> values = all(getter, carrier, name);
		String value = values.hasNext() ? values.next() : null;
		return values.hasNext() ? null : value;
	}

	/**
	 * Return a getter that reads a carrier of one string as the only header of a given name,
	 * for handing a value checked here to OpenTelemetry's own propagator.
	 * @param name the header name
	 * @return the getter
	 */
	static TextMapGetter<String> only(String name) {
		return new OneHeader(name);
	}

	private static @Nullable MethodHandle findGetAll() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(TextMapGetter.class, "getAll",
						MethodType.methodType(Iterator.class, Object.class, String.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

	private record OneHeader(String name) implements TextMapGetter<String> {

		@Override
		public Iterable<String> keys(@Nullable String carrier) {
			return List.of(this.name);
		}

		@Override
		public @Nullable String get(@Nullable String carrier, String key) {
			return this.name.equals(key) ? carrier : null;
		}

	}

}
