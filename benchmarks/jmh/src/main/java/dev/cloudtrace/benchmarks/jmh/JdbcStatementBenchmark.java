package dev.cloudtrace.benchmarks.jmh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.jdbc.JdbcTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * One prepared query on H2 in memory, read to the end, on one open connection: through a
 * {@code DataSource} bean that the starter wraps, under a sampled parent (a CLIENT span per
 * execution, exported to an exporter that discards it) and outside any trace (no span), and
 * on the driver's own connection (the baseline).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class JdbcStatementBenchmark {

	private static final String QUERY = "select id, name from item where id = ?";

	private AnnotationConfigApplicationContext context;

	private Connection tracedConnection;

	private PreparedStatement traced;

	private Connection plainConnection;

	private PreparedStatement plain;

	private Scope parent;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		this.context = new AnnotationConfigApplicationContext();
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark", Map.of("spring.application.name", "bench",
					"cloudtrace.exporter.type", "none", "cloudtrace.resource.detect-gcp", "false")));
		this.context.register(JdbcConfiguration.class);
		this.context.refresh();
		DataSource dataSource = this.context.getBean(DataSource.class);
		this.plainConnection = JdbcConfiguration.h2().getConnection();
		try (Statement statement = this.plainConnection.createStatement()) {
			statement.execute("create table item (id int primary key, name varchar(20))");
			statement.execute("insert into item values (42, 'answer')");
		}
		this.plain = this.plainConnection.prepareStatement(QUERY);
		this.tracedConnection = dataSource.getConnection();
		this.traced = this.tracedConnection.prepareStatement(QUERY);
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws SQLException {
		this.parent.close();
		this.traced.close();
		this.tracedConnection.close();
		this.plain.close();
		this.plainConnection.close();
		this.context.close();
	}

	@Benchmark
	public String traced() throws SQLException {
		return query(this.traced);
	}

	@Benchmark
	public String tracedOutsideATrace() throws SQLException {
		try (Scope root = io.opentelemetry.context.Context.root().makeCurrent()) {
			return query(this.traced);
		}
	}

	@Benchmark
	public String untraced() throws SQLException {
		return query(this.plain);
	}

	private static String query(PreparedStatement statement) throws SQLException {
		statement.setInt(1, 42);
		try (ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getString(2);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
			CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
			CloudTraceSdkAutoConfiguration.class, JdbcTracingAutoConfiguration.class })
	static class JdbcConfiguration {

		// Wrapped in its own batch span processor, with the starter's batch settings.
		@Bean
		SpanExporter discardingSpanExporter() {
			return new Tracing.DiscardingSpanExporter();
		}

		// The starter wraps this bean; the baseline opens the same database without it.
		@Bean
		DataSource dataSource() {
			return h2();
		}

		static JdbcDataSource h2() {
			JdbcDataSource dataSource = new JdbcDataSource();
			dataSource.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
			return dataSource;
		}

	}

}
