package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections add a {@link SqlComment} to each statement they
 * send inside a sampled span.
 * <p>
 * It sits below the JDBC library instrumentation, so that the span that a statement's
 * comment names is the statement's own span, and the comment never enters the statement
 * text that the span records.
 */
public final class CommentingDataSource implements DataSource {

	private final DataSource delegate;

	private final SqlComment comment;

	/**
	 * Creates a data source that comments the statements of another.
	 * @param delegate the data source whose connections are used
	 * @param comment the comment to add
	 */
	public CommentingDataSource(DataSource delegate, SqlComment comment) {
		this.delegate = delegate;
		this.comment = comment;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return CommentingConnection.wrap(this.delegate.getConnection(), this.comment);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return CommentingConnection.wrap(this.delegate.getConnection(username, password), this.comment);
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this.delegate) ? type.cast(this.delegate) : this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this.delegate) || this.delegate.isWrapperFor(type);
	}

}
