package dev.cloudtrace.autoconfigure.jdbc;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.cloudtrace.autoconfigure.jdbc.sqlcommenter.CommentingDataSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * Names the connection spans of a {@link CommentingDataSource} after the application's
 * data source that it wraps, as they are named without sqlcommenter.
 * <p>
 * The JDBC library instrumentation names a {@code getConnection} span, and sets its code
 * attributes, after the class of the data source it wraps. With sqlcommenter, that is the
 * commenting layer below it, which must stay below it so that a comment names the span of
 * its own statement.
 */
final class ConnectionSpanNaming {

	private static final String COMMENTING_NAME = CommentingDataSource.class.getName();

	private static final String COMMENTING_SIMPLE_NAME = CommentingDataSource.class.getSimpleName() + ".";

	private final Class<?> dataSourceType;

	ConnectionSpanNaming(Class<?> dataSourceType) {
		this.dataSourceType = dataSourceType;
	}

	String spanName(String name) {
		return name.startsWith(COMMENTING_SIMPLE_NAME)
				? this.dataSourceType.getSimpleName() + name.substring(COMMENTING_SIMPLE_NAME.length() - 1) : name;
	}

	Object value(Object value) {
		return names(value) ? this.dataSourceType.getName() + ((String) value).substring(COMMENTING_NAME.length())
				: value;
	}

	private static boolean names(Object value) {
		return value instanceof String text && text.startsWith(COMMENTING_NAME);
	}

	// Statement spans, the most, carry no such value: their attributes are passed on as they are.
	@SuppressWarnings("unchecked")
	Attributes attributes(Attributes attributes) {
		AtomicBoolean renaming = new AtomicBoolean();
		attributes.forEach((key, value) -> {
			if (names(value)) {
				renaming.set(true);
			}
		});
		if (!renaming.get()) {
			return attributes;
		}
		AttributesBuilder renamed = Attributes.builder();
		attributes.forEach((key, value) -> renamed.put((AttributeKey<Object>) key, value(value)));
		return renamed.build();
	}

}
