package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A plain statement whose SQL carries a {@link SqlComment}. The text of a batch is kept
 * until the batch runs, so that its comment names the batch's span.
 */
final class CommentingStatement extends JdbcProxy {

	private final Statement delegate;

	private final Connection connection;

	private final SqlComment comment;

	private final List<String> batch = new ArrayList<>();

	CommentingStatement(Statement delegate, Connection connection, SqlComment comment) {
		this.delegate = delegate;
		this.connection = connection;
		this.comment = comment;
	}

	@Override
	@Nullable Object invokeJdbc(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		switch (method.getName()) {
			case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
				if (args != null && args.length > 0 && args[0] instanceof String sql) {
					Object[] commented = args.clone();
					commented[0] = this.comment.appendTo(sql);
					return forward(this.delegate, method, commented);
				}
			}
			case "addBatch" -> {
				this.batch.add((String) args[0]);
				return null;
			}
			case "clearBatch" -> this.batch.clear();
			case "executeBatch", "executeLargeBatch" -> {
				for (String sql : this.batch) {
					this.delegate.addBatch(this.comment.appendTo(sql));
				}
				this.batch.clear();
			}
			case "getConnection" -> {
				return this.connection;
			}
			default -> {
			}
		}
		return forward(this.delegate, method, args);
	}

	@Override
	String describe() {
		return this.delegate.toString();
	}

}
