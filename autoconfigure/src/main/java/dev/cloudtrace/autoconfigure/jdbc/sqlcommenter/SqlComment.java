package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * Appends a <a href="https://google.github.io/sqlcommenter/spec/">sqlcommenter</a>
 * comment to a statement: {@code /*application='orders',traceparent='00-…-…-01'*&#47;}.
 * <p>
 * Cloud SQL and AlloyDB Query Insights read {@code traceparent} to link a query to its
 * trace, and group the query load by {@code application}. No other tag is added:
 * {@code tracestate} may carry another vendor's data into the database's logs, and the
 * per-request tags (route, controller) are already on the trace that {@code traceparent}
 * leads to.
 * <p>
 * OpenTelemetry's JDBC library has a sqlcommenter of its own, but only behind an internal
 * API, and it comments a prepared statement with the span that was current when the
 * statement was prepared: the parent of the database span, never the span itself.
 */
public final class SqlComment {

	private final String applicationTag;

	/**
	 * Creates the comments of an application.
	 * @param application the service name, or {@code null} for no {@code application} tag
	 */
	public SqlComment(@Nullable String application) {
		this.applicationTag = (application != null && !application.isBlank())
				? "application='" + encode(application) + "',"
				: "";
	}

	/**
	 * Returns the statement with a comment for the current span, or unchanged when the
	 * current span is not sampled or the statement has a comment already (the specification
	 * forbids changing it).
	 * @param sql the statement
	 * @return the statement to send
	 */
	public String appendTo(String sql) {
		SpanContext span = Span.current().getSpanContext();
		if (!span.isValid() || !span.isSampled() || sql.contains("/*") || sql.contains("--")) {
			return sql;
		}
		String comment = "/*" + this.applicationTag + "traceparent='00-" + span.getTraceId() + "-"
				+ span.getSpanId() + "-01'*/";
		int end = sql.length();
		while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && sql.charAt(end - 1) == ';') {
			return sql.substring(0, end - 1) + " " + comment + ";";
		}
		return sql.substring(0, end) + " " + comment;
	}

	private static String encode(String value) {
		// URL-encoded as the specification asks (a quote becomes %27), with spaces as %20.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
