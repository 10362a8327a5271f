package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlComment}.
 */
class SqlCommentTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String SPAN_ID = "b7ad6b7169203331";

	private final SqlComment comment = new SqlComment("order service's");

	@Test
	void appendsTheTagsInKeyOrderWithEncodedValues() {
		try (Scope scope = span(TraceFlags.getSampled())) {
			assertThat(this.comment.appendTo("select 1")).isEqualTo(
					"select 1 /*application='order%20service%27s',traceparent='00-" + TRACE_ID + "-" + SPAN_ID + "-01'*/");
		}
	}

	@Test
	void placesTheCommentBeforeATrailingSemicolon() {
		try (Scope scope = span(TraceFlags.getSampled())) {
			assertThat(this.comment.appendTo("select 1 ;  ")).startsWith("select 1  /*application=").endsWith("-01'*/;");
		}
	}

	@Test
	void leavesAStatementWithACommentUnchanged() {
		try (Scope scope = span(TraceFlags.getSampled())) {
			assertThat(this.comment.appendTo("select /*+ hint */ 1")).isEqualTo("select /*+ hint */ 1");
			assertThat(this.comment.appendTo("select 1 -- note")).isEqualTo("select 1 -- note");
		}
	}

	@Test
	void leavesAStatementOutsideASampledSpanUnchanged() {
		assertThat(this.comment.appendTo("select 1")).isEqualTo("select 1");
		try (Scope scope = span(TraceFlags.getDefault())) {
			assertThat(this.comment.appendTo("select 1")).isEqualTo("select 1");
		}
	}

	@Test
	void hasNoApplicationTagWithoutAServiceName() {
		try (Scope scope = span(TraceFlags.getSampled())) {
			assertThat(new SqlComment(null).appendTo("select 1"))
				.isEqualTo("select 1 /*traceparent='00-" + TRACE_ID + "-" + SPAN_ID + "-01'*/");
		}
	}

	private static Scope span(TraceFlags flags) {
		return Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, flags, TraceState.getDefault())).makeCurrent();
	}

}
