package dev.cloudtrace.autoconfigure.jdbc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the database spans.
 */
@ConfigurationProperties("cloudtrace.jdbc")
public class JdbcTracingProperties {

	/**
	 * Whether every DataSource bean is wrapped so that its statements become spans.
	 */
	private boolean enabled = true;

	/**
	 * Whether the statement text is recorded with its literal values replaced by '?'. When
	 * false, the text is recorded as the application wrote it, and an exception's message
	 * is recorded as the driver wrote it.
	 */
	private boolean statementSanitization = true;

	/**
	 * Whether a statement run outside any trace (at startup, in a schema migration, in a
	 * scheduled job without a span) starts a trace of its own.
	 */
	private boolean rootSpans = false;

	private final Sqlcommenter sqlcommenter = new Sqlcommenter();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isStatementSanitization() {
		return this.statementSanitization;
	}

	public void setStatementSanitization(boolean statementSanitization) {
		this.statementSanitization = statementSanitization;
	}

	public boolean isRootSpans() {
		return this.rootSpans;
	}

	public void setRootSpans(boolean rootSpans) {
		this.rootSpans = rootSpans;
	}

	public Sqlcommenter getSqlcommenter() {
		return this.sqlcommenter;
	}

	/**
	 * The sqlcommenter comment that links a statement to its span in Cloud SQL and AlloyDB
	 * Query Insights.
	 */
	public static class Sqlcommenter {

		/**
		 * Whether each statement sent inside a sampled span carries a sqlcommenter comment
		 * with the span's traceparent and the service name.
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
