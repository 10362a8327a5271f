package dev.cloudtrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import dev.cloudtrace.autoconfigure.jdbc.app.ShopApplication;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of {@code cloudtrace.jdbc.sqlcommenter.enabled} on a real PostgreSQL
 * server: the server reports the text it received ({@code current_query()}), and the
 * comment in it must name the exported span of that very statement.
 */
class SqlcommenterPostgresTests {

	private FakeTelemetryApi api;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.api = new FakeTelemetryApi();
		this.app = DatabaseApplications.start("shop", ShopApplication.class, this.api,
				PostgresServer.dataSourceProperties(), "cloudtrace.jdbc.sqlcommenter.enabled=true");
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.api.close();
	}

	@Test
	void postgresReceivesTheTraceparentOfEachStatementsOwnSpan() throws Exception {
		String body = TestApplications.get(this.app, "/current-query").body();
		List<ReceivedSpan> statements = clientSpans("/current-query");
		ReceivedSpan plain = statement(statements, "select current_query()");
		ReceivedSpan prepared = statement(statements, "select current_query() where ? = ?");
		assertThat(body).contains("select current_query() /*application='shop',traceparent='00-" + plain.traceId()
				+ "-" + plain.spanId() + "-01'*/");
		assertThat(body).contains("select current_query() where 1 = $1 /*application='shop',traceparent='00-"
				+ prepared.traceId() + "-" + prepared.spanId() + "-01'*/");
		assertThat(statements).allSatisfy(
				(span) -> assertThat(span.attributes().get("db.statement").toString()).doesNotContain("traceparent")
					.doesNotContain("/*"));
		// The connection spans keep the name of the application's data source, as without sqlcommenter.
		assertThat(this.api.spans()).filteredOn((span) -> span.kind() == SpanKind.INTERNAL)
			.isNotEmpty()
			.allSatisfy((span) -> {
				assertThat(span.name()).isEqualTo("HikariDataSource.getConnection");
				assertThat(span.attributes()).containsEntry("code.namespace", "com.zaxxer.hikari.HikariDataSource");
			});
	}

	@Test
	void aPreparedStatementStillRunsAsPreparedWithTheCommentOfItsFirstExecution() throws Exception {
		String body = TestApplications.get(this.app, "/prepared-reuse").body();
		List<ReceivedSpan> executions = clientSpans("/prepared-reuse").stream()
			.filter((span) -> "select current_query(), ?::int".equals(span.attributes().get("db.statement")))
			.sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
			.toList();
		assertThat(executions).hasSize(6);
		ReceivedSpan first = executions.get(0);
		String comment = "/*application='shop',traceparent='00-" + first.traceId() + "-" + first.spanId() + "-01'*/";
		List<String> texts = List.of(body.substring(1, body.length() - 1).split("\",\""));
		assertThat(texts.subList(0, 6)).allSatisfy((text) -> assertThat(text.replace("\"", ""))
			.isEqualTo("select current_query(), $1::int " + comment));
		assertThat(texts.get(6)).isEqualTo("true");
		assertThat(texts.subList(7, texts.size())).anySatisfy((statement) -> assertThat(statement.replace("\"", ""))
			.isEqualTo("select current_query(), $1::int " + comment));
	}

	@Test
	void statementsOutsideASampledSpanAreSentUnchanged() throws Exception {
		JdbcTemplate jdbc = this.app.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("select current_query()", String.class)).isEqualTo("select current_query()");
		assertThat(jdbc.queryForObject("select current_query() where 1 = ?", String.class, 1))
			.isEqualTo("select current_query() where 1 = $1");
		String notSampled = TestApplications
			.get(this.app, "/current-query", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")
			.body();
		assertThat(notSampled).doesNotContain("/*");
		assertThat(TestApplications.get(this.app, "/current-query").body()).contains("traceparent='00-");
	}

	@Test
	void eachStatementOfABatchCarriesTheBatchSpan() throws Exception {
		JdbcTemplate jdbc = this.app.getBean(JdbcTemplate.class);
		jdbc.execute("create table if not exists seen (query text)");
		Span parent = this.app.getBean(Tracer.class).spanBuilder("batch").startSpan();
		try (Scope scope = parent.makeCurrent();
				Connection connection = this.app.getBean(DataSource.class).getConnection();
				Statement statement = connection.createStatement()) {
			statement.addBatch("insert into seen select current_query()");
			statement.addBatch("insert into seen select current_query()");
			statement.executeBatch();
		}
		parent.end();
		ReceivedSpan batch = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.spans()
				.stream()
				.filter((span) -> span.kind() == SpanKind.CLIENT
						&& parent.getSpanContext().getSpanId().equals(span.parentSpanId()))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(jdbc.queryForList("select query from seen", String.class)).hasSize(2)
			.allSatisfy((query) -> assertThat(query).isEqualTo("insert into seen select current_query() "
					+ "/*application='shop',traceparent='00-" + batch.traceId() + "-" + batch.spanId() + "-01'*/"));
	}

	@Test
	void aDeferredStatementReportsAnInvalidStatementWhenItRunsAndRefusesUseAfterClose() throws Exception {
		Span parent = this.app.getBean(Tracer.class).spanBuilder("deferred").startSpan();
		try (Scope scope = parent.makeCurrent(); Connection connection = this.app.getBean(DataSource.class).getConnection()) {
			PreparedStatement invalid = connection.prepareStatement("selec 1");
			assertThatExceptionOfType(SQLException.class).isThrownBy(invalid::executeQuery)
				.withMessageContaining("syntax error");
			invalid.close();
			PreparedStatement closed = connection.prepareStatement("select ?::int");
			closed.close();
			assertThat(closed.isClosed()).isTrue();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> closed.setInt(1, 1));
		}
		parent.end();
		ReceivedSpan failed = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.api.spans()
				.stream()
				.filter((span) -> "selec ?".equals(span.attributes().get("db.statement")))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(failed.parentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		assertThat(failed.statusCode()).isEqualTo("ERROR");
	}

	private List<ReceivedSpan> clientSpans(String path) {
		return DatabaseSpansEndToEndTests.awaitTrace(this.api, path)
			.stream()
			.filter((span) -> span.kind() == SpanKind.CLIENT)
			.toList();
	}

	private static ReceivedSpan statement(List<ReceivedSpan> spans, String text) {
		return DatabaseSpansEndToEndTests.statement(spans, text);
	}

}
