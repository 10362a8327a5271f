package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A prepared (or callable) statement that is prepared by the driver only when a call needs
 * the driver's statement, with a {@link SqlComment} for the span current then.
 * <p>
 * Until then, the calls that only configure the statement (parameters, batches, fetch
 * size, timeouts) are recorded and replayed on the driver's statement in their order. The
 * driver's statement is then used as it is, so that every later execution runs it as
 * prepared. A driver that rejects a statement when it is prepared reports it at that first
 * call instead.
 */
final class DeferredStatement extends JdbcProxy {

	private static final Set<String> RECORDED = Set.of("addBatch", "clearBatch", "clearParameters",
			"registerOutParameter", "closeOnCompletion");

	private final Connection connection;

	private final Connection proxyConnection;

	private final Method prepare;

	private final Object[] prepareArguments;

	private final SqlComment comment;

	private final List<Call> calls = new ArrayList<>();

	private @Nullable Statement statement;

	private boolean closed;

	DeferredStatement(Connection connection, Connection proxyConnection, Method prepare, Object[] prepareArguments,
			SqlComment comment) {
		this.connection = connection;
		this.proxyConnection = proxyConnection;
		this.prepare = prepare;
		this.prepareArguments = prepareArguments.clone();
		this.comment = comment;
	}

	@Override
	@Nullable Object invokeJdbc(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		String name = method.getName();
		if (name.equals("getConnection")) {
			return this.proxyConnection;
		}
		if (this.statement != null) {
			return forward(this.statement, method, args);
		}
		if (name.equals("close")) {
			this.closed = true;
			this.calls.clear();
			return null;
		}
		if (name.equals("isClosed")) {
			return this.closed;
		}
		if (this.closed) {
			throw new SQLException("Statement is closed");
		}
		if (method.getReturnType() == void.class && (name.startsWith("set") || RECORDED.contains(name))) {
			this.calls.add(new Call(method, (args != null) ? args.clone() : null));
			return null;
		}
		return forward(prepared(), method, args);
	}

	private Statement prepared() throws Throwable {
		Object[] arguments = this.prepareArguments.clone();
		arguments[0] = this.comment.appendTo((String) arguments[0]);
		Statement prepared = (Statement) forward(this.connection, this.prepare, arguments);
		try {
			for (Call call : this.calls) {
				forward(prepared, call.method(), call.arguments());
			}
		}
		catch (Throwable ex) {
			prepared.close();
			throw ex;
		}
		this.calls.clear();
		this.statement = prepared;
		return prepared;
	}

	@Override
	String describe() {
		return (this.statement != null) ? this.statement.toString() : "not prepared yet: " + this.prepareArguments[0];
	}

	private record Call(Method method, Object @Nullable [] arguments) {
	}

}
