package dev.cloudtrace.autoconfigure.jdbc;

import java.net.http.HttpResponse;
import java.util.List;

import dev.cloudtrace.autoconfigure.jdbc.jpa.OrderApplication;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database spans and sqlcommenter under Hibernate (Spring Data JPA) on a real PostgreSQL
 * server: inserts that ask for generated keys, a derived query and a native query in one
 * transaction, with statements prepared by Hibernate and deferred by the comment.
 */
class HibernateSqlcommenterPostgresTests {

	private FakeTelemetryApi api;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.api = new FakeTelemetryApi();
		this.app = DatabaseApplications.start("orders", OrderApplication.class, this.api,
				PostgresServer.dataSourceProperties(), "cloudtrace.jdbc.sqlcommenter.enabled=true",
				"spring.jpa.hibernate.ddl-auto=create-drop");
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.api.close();
	}

	@Test
	void hibernateStatementsAreSpansOfTheRequestAndCarryTheirOwnTraceparent() throws Exception {
		HttpResponse<String> response = DatabaseApplications.post(this.app, "/orders", "alice-7741");
		List<ReceivedSpan> trace = DatabaseSpansEndToEndTests.awaitTrace(this.api, "/orders");
		ReceivedSpan server = DatabaseSpansEndToEndTests.single(trace, SpanKind.SERVER);
		List<ReceivedSpan> statements = trace.stream().filter((span) -> span.kind() == SpanKind.CLIENT).toList();
		assertThat(statements).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(server.spanId());
			assertThat(span.attributes()).containsEntry("db.system", "postgresql");
			assertThat(span.attributes().get("db.statement").toString()).doesNotContain("/*")
				.doesNotContain("alice");
		});
		assertThat(statements).filteredOn((span) -> "INSERT".equals(span.attributes().get("db.operation")))
			.hasSize(2)
			.allSatisfy((span) -> assertThat(span.attributes()).containsEntry("db.sql.table", "purchase_order"));
		ReceivedSpan nativeQuery = DatabaseSpansEndToEndTests.statement(statements,
				"select current_query() where ? = ?");
		// Generated keys came back, the derived query found both orders, and PostgreSQL received
		// the native query with the traceparent of its own span.
		assertThat(response.body()).startsWith("[\"true\",\"2\",")
			.contains("select current_query() where 1 = $1 /*application='orders',traceparent='00-"
					+ nativeQuery.traceId() + "-" + nativeQuery.spanId() + "-01'*/");
	}

}
