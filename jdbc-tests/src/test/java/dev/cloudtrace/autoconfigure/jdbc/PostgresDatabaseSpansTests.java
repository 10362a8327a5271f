package dev.cloudtrace.autoconfigure.jdbc;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatabaseSpansEndToEndTests} on a real PostgreSQL server.
 */
class PostgresDatabaseSpansTests extends DatabaseSpansEndToEndTests {

	@Override
	String[] databaseProperties() {
		return PostgresServer.dataSourceProperties();
	}

	@Override
	String dbSystem() {
		return "postgresql";
	}

	@Override
	String dbName() {
		return "postgres";
	}

	@Override
	void assertDatabaseServer(Map<String, Object> attributes) {
		assertThat(attributes).containsEntry("server.address", "localhost")
			.containsEntry("server.port", (long) PostgresServer.get().getPort());
	}

}
