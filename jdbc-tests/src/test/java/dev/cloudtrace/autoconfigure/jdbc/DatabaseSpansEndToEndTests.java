package dev.cloudtrace.autoconfigure.jdbc;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.jdbc.app.ShopApplication;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedExport;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the database spans on a real database: a real application on
 * Tomcat runs JdbcTemplate statements, a Spring Data JDBC repository query, a batch and a
 * failing statement for one request; the assertions are on what reached the in-process
 * fake of the Telemetry API.
 */
abstract class DatabaseSpansEndToEndTests {

	/**
	 * A value the request carries, which must appear nowhere in the exported data.
	 */
	static final String SECRET = "s3cret-Value-7731";

	FakeTelemetryApi api;

	ConfigurableApplicationContext app;

	abstract String[] databaseProperties();

	abstract String dbSystem();

	abstract String dbName();

	@BeforeEach
	void start() throws Exception {
		this.api = new FakeTelemetryApi();
		this.app = DatabaseApplications.start("shop", ShopApplication.class, this.api, databaseProperties());
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		this.api.close();
	}

	@Test
	void statementsOfARequestAreClientSpansOfItsServerSpanWithSanitizedText() throws Exception {
		HttpResponse<String> response = DatabaseApplications.post(this.app, "/items", SECRET);
		assertThat(response.body()).isEqualTo("1 1");
		List<ReceivedSpan> trace = awaitTrace("/items");
		ReceivedSpan server = single(trace, SpanKind.SERVER);
		List<ReceivedSpan> statements = trace.stream().filter((span) -> span.kind() == SpanKind.CLIENT).toList();
		assertThat(statements).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(server.spanId());
			assertThat(span.scopeName()).isEqualTo("io.opentelemetry.jdbc");
			assertThat(span.attributes()).containsEntry("db.system", dbSystem()).containsEntry("db.name", dbName());
			assertThat(span.attributes()).containsKeys("db.operation", "db.statement");
			assertDatabaseServer(span.attributes());
		});
		assertThat(statements).extracting((span) -> span.attributes().get("db.statement"))
			.contains("insert into item (name, price) values (?, ?)", "select count(*) from item where name = ?",
					"update item set price = ? where name = ?", "select no_such_column from item where name = ?");
		ReceivedSpan insert = statement(statements, "insert into item (name, price) values (?, ?)");
		assertThat(insert.name()).isEqualTo("INSERT " + dbName() + ".item");
		assertThat(insert.attributes()).containsEntry("db.operation", "INSERT").containsEntry("db.sql.table", "item");
		assertThat(insert.statusCode()).isEqualTo("UNSET");
		ReceivedSpan repository = statements.stream()
			.filter((span) -> span.attributes().get("db.statement").toString().startsWith("SELECT"))
			.findFirst()
			.orElseThrow();
		assertThat(repository.attributes().get("db.statement").toString().toLowerCase()).contains("item")
			.contains("where")
			.doesNotContain(SECRET.toLowerCase());
		assertThat(repository.name()).isEqualToIgnoringCase("SELECT " + dbName() + ".item");
		ReceivedSpan batch = statement(statements, "update item set price = ? where name = ?");
		assertThat(batch.name()).contains("UPDATE").contains("item");
		ReceivedSpan failed = statement(statements, "select no_such_column from item where name = ?");
		assertThat(failed.statusCode()).isEqualTo("ERROR");
		assertThat(failed.eventNames()).containsExactly("exception");
		Map<String, String> exception = exceptionEvent(failed);
		assertThat(exception.get("exception.type")).contains("SQL").contains("Exception");
		assertThat(exception.get("exception.message")).isNotBlank();
		assertThat(exception.get("exception.stacktrace")).contains("\tat ");
		assertThat(trace).filteredOn((span) -> span.kind() == SpanKind.INTERNAL)
			.extracting(ReceivedSpan::name)
			.allSatisfy((name) -> assertThat(name).isEqualTo("HikariDataSource.getConnection"));
		assertThat(trace).filteredOn((span) -> span.kind() == SpanKind.INTERNAL)
			.isNotEmpty()
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(server.spanId()));
		for (ReceivedExport export : this.api.requests()) {
			assertThat(export.request().toString()).doesNotContain(SECRET);
			assertThat(new String(export.request().toByteArray(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
		}
	}

	@Test
	void statementsOutsideATraceMakeNoSpans() throws Exception {
		JdbcTemplate jdbc = this.app.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("select count(*) from item where price = 12345", Integer.class)).isZero();
		TestApplications.get(this.app, "/items-count");
		List<ReceivedSpan> trace = awaitTrace("/items-count");
		assertThat(trace).filteredOn((span) -> span.kind() == SpanKind.CLIENT)
			.extracting((span) -> span.attributes().get("db.statement"))
			.containsExactly("select count(*) from item");
		// Neither the schema script run at startup nor the statement above made a trace.
		assertThat(this.api.spans()).allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(trace.get(0).traceId()));
		assertThat(this.api.spans()).extracting((span) -> span.attributes().get("db.statement"))
			.doesNotContain("select count(*) from item where price = ?");
	}

	void assertDatabaseServer(Map<String, Object> attributes) {
	}

	List<ReceivedSpan> awaitTrace(String path) {
		return awaitTrace(this.api, path);
	}

	/**
	 * Waits until the server span of a request to a path has arrived, and returns the spans of
	 * its trace that arrived.
	 */
	static List<ReceivedSpan> awaitTrace(FakeTelemetryApi api, String path) {
		ReceivedSpan server = await().atMost(Duration.ofSeconds(20))
			.until(() -> api.spans()
				.stream()
				.filter((span) -> span.kind() == SpanKind.SERVER && path.equals(span.attributes().get("url.path")))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		return api.spans().stream().filter((span) -> span.traceId().equals(server.traceId())).toList();
	}

	static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind) {
		List<ReceivedSpan> matching = spans.stream().filter((span) -> span.kind() == kind).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	static ReceivedSpan statement(List<ReceivedSpan> spans, String text) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> text.equals(span.attributes().get("db.statement")))
			.toList();
		assertThat(matching).as("spans of statement '%s'", text).hasSize(1);
		return matching.get(0);
	}

	Map<String, String> exceptionEvent(ReceivedSpan span) {
		return this.api.requests()
			.stream()
			.flatMap((export) -> export.request().getResourceSpansList().stream())
			.flatMap((resource) -> resource.getScopeSpansList().stream())
			.flatMap((scope) -> scope.getSpansList().stream())
			.filter((candidate) -> span.spanId().equals(hex(candidate.getSpanId().toByteArray())))
			.flatMap((candidate) -> candidate.getEventsList().stream())
			.filter((event) -> event.getName().equals("exception"))
			.findFirst()
			.map(DatabaseSpansEndToEndTests::attributes)
			.orElseThrow();
	}

	private static Map<String, String> attributes(Event event) {
		return event.getAttributesList()
			.stream()
			.collect(java.util.stream.Collectors.toMap(KeyValue::getKey, (kv) -> kv.getValue().getStringValue()));
	}

	private static String hex(byte[] bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

}
