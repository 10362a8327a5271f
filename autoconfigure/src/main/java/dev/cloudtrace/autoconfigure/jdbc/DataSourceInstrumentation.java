package dev.cloudtrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import dev.cloudtrace.autoconfigure.jdbc.sqlcommenter.CommentingDataSource;
import dev.cloudtrace.autoconfigure.jdbc.sqlcommenter.SqlComment;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a {@link DataSource} with OpenTelemetry's JDBC library instrumentation, configured
 * from {@link JdbcTracingProperties}.
 */
final class DataSourceInstrumentation {

	private final OpenTelemetry openTelemetry;

	private final JdbcTracingProperties properties;

	private final JdbcTelemetry telemetry;

	private final @Nullable SqlComment comment;

	DataSourceInstrumentation(OpenTelemetry openTelemetry, JdbcTracingProperties properties,
			@Nullable String serviceName) {
		this.openTelemetry = openTelemetry;
		this.properties = properties;
		this.telemetry = telemetry(null);
		this.comment = properties.getSqlcommenter().isEnabled() ? new SqlComment(serviceName) : null;
	}

	/**
	 * Returns a data source whose connections trace their statements.
	 * @param dataSource the application's data source
	 * @return the traced data source
	 */
	DataSource instrument(DataSource dataSource) {
		if (this.comment == null) {
			return this.telemetry.wrap(dataSource);
		}
		return telemetry(new ConnectionSpanNaming(dataSource.getClass()))
			.wrap(new CommentingDataSource(dataSource, this.comment));
	}

	private JdbcTelemetry telemetry(@Nullable ConnectionSpanNaming naming) {
		boolean sanitize = this.properties.isStatementSanitization();
		return JdbcTelemetry
			.builder(new DatabaseOpenTelemetry(this.openTelemetry, this.properties.isRootSpans(), sanitize, naming))
			.setStatementSanitizationEnabled(sanitize)
			.setCaptureQueryParameters(false)
			.build();
	}

}
