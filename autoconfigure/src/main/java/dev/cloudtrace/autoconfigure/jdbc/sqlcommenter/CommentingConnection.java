package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.lang.reflect.Method;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * A connection whose statements carry a {@link SqlComment}.
 * <p>
 * A prepared statement's text is fixed when it is prepared, before the span of its
 * execution starts. Inside a trace, preparing is therefore deferred to the first call
 * that needs the driver's statement, normally the first execution, which runs inside its
 * span (see {@link DeferredStatement}); later executions reuse that prepared statement and
 * its comment. Outside any trace, statements are prepared at once and sent unchanged.
 */
final class CommentingConnection extends JdbcProxy {

	private final Connection delegate;

	private final SqlComment comment;

	private CommentingConnection(Connection delegate, SqlComment comment) {
		this.delegate = delegate;
		this.comment = comment;
	}

	static Connection wrap(Connection connection, SqlComment comment) {
		return proxy(Connection.class, new CommentingConnection(connection, comment));
	}

	@Override
	@Nullable Object invokeJdbc(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		String name = method.getName();
		if (name.equals("createStatement")) {
			Statement statement = (Statement) forward(this.delegate, method, args);
			return proxy(Statement.class, new CommentingStatement(statement, (Connection) proxy, this.comment));
		}
		if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
				&& Span.current().getSpanContext().isValid()) {
			Class<? extends PreparedStatement> type = name.equals("prepareCall") ? CallableStatement.class
					: PreparedStatement.class;
			return proxy(type, new DeferredStatement(this.delegate, (Connection) proxy, method, args, this.comment));
		}
		return forward(this.delegate, method, args);
	}

	@Override
	String describe() {
		return this.delegate.toString();
	}

}
