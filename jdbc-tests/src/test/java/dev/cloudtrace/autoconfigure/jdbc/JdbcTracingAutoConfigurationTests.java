package dev.cloudtrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.OpenTelemetryDataSource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.h2.jdbcx.JdbcDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcTracingAutoConfiguration}.
 */
class JdbcTracingAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(CloudTraceContextRunners.foundation(JdbcTracingAutoConfiguration.class,
				DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
		.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
		.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter));

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(JdbcTracingAutoConfiguration.class.getName());
	}

	@Test
	void wrapsBootsHikariDataSourceKeepingItsType() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DataSourceTracingPostProcessor.class)
				.hasSingleBean(JdbcTracingProperties.class);
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(HikariDataSource.class).isInstanceOf(TracedDataSource.class);
			assertThat(((HikariDataSource) dataSource).getJdbcUrl()).startsWith("jdbc:h2:mem:");
			assertThat(dataSource.unwrap(HikariDataSource.class)).isNotNull();
			// What Spring Boot's Hikari metrics and health do with the bean.
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			assertThat(hikari).isNotNull();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(hikari.getHikariPoolMXBean().getActiveConnections()).isOne();
			}
		});
	}

	@Test
	void bootsHealthIndicatorAndFlywayUseTheWrappedDataSource() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			Flyway.configure().dataSource(dataSource).locations("classpath:db/flyway-test").load().migrate();
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForObject("select count(*) from flyway_item", Integer.class)).isZero();
			assertThat(new DataSourceHealthIndicator(dataSource, "select 1").health().getStatus())
				.isEqualTo(Status.UP);
			// Run outside any trace, as at startup: no span.
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void statementInsideASpanIsAClientSpanChildOfIt() {
		this.runner.run((context) -> {
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				context.getBean(JdbcTemplate.class).queryForObject("select 42 where 'a' = 'a'", Integer.class);
			}
			parent.end();
			SpanData statement = single(SpanKind.CLIENT);
			assertThat(statement.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
			assertThat(statement.getAttributes().asMap()).extractingByKey(
					io.opentelemetry.api.common.AttributeKey.stringKey("db.statement"))
				.isEqualTo("select ? where ? = ?");
			assertThat(statement.getInstrumentationScopeInfo().getName()).isEqualTo("io.opentelemetry.jdbc");
		});
	}

	@Test
	void aCommitMakesNoSpanOfItsOwn() {
		this.runner.run((context) -> {
			try (Scope scope = parentScope(context);
					Connection connection = context.getBean(DataSource.class).getConnection()) {
				connection.setAutoCommit(false);
				connection.createStatement().execute("select 1");
				connection.commit();
				connection.setAutoCommit(true);
			}
			assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getKind)
				.containsExactlyInAnyOrder(SpanKind.INTERNAL, SpanKind.CLIENT, SpanKind.INTERNAL);
			assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactlyInAnyOrder("HikariDataSource.getConnection", "SELECT " + databaseName(context), "parent");
		});
	}

	private static String databaseName(AssertableApplicationContext context) {
		String url = ((HikariDataSource) context.getBean(DataSource.class)).getJdbcUrl();
		return url.substring("jdbc:h2:mem:".length(), url.indexOf(';'));
	}

	@Test
	void statementOutsideATraceMakesNoSpan() {
		this.runner.run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("select 42", Integer.class);
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void rootSpansMakeAStatementOutsideATraceATraceOfItsOwn() {
		this.runner.withPropertyValues("cloudtrace.jdbc.root-spans=true").run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("select 42", Integer.class);
			SpanData statement = single(SpanKind.CLIENT);
			assertThat(statement.getParentSpanContext().isValid()).isFalse();
		});
	}

	@Test
	void statementSanitizationCanBeTurnedOff() {
		this.runner.withPropertyValues("cloudtrace.jdbc.statement-sanitization=false").run((context) -> {
			Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				context.getBean(JdbcTemplate.class).queryForObject("select 42 where 'a' = 'a'", Integer.class);
			}
			parent.end();
			assertThat(single(SpanKind.CLIENT).getAttributes().asMap())
				.extractingByKey(io.opentelemetry.api.common.AttributeKey.stringKey("db.statement"))
				.isEqualTo("select 42 where 'a' = 'a'");
		});
	}

	@Test
	void wrapsEachDataSourceOnce() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			// As a @ConfigurationProperties rebinding (Spring Cloud's refresh) initializes the bean again.
			Object again = context.getAutowireCapableBeanFactory().initializeBean(dataSource, "dataSource");
			assertThat(again).isSameAs(dataSource);
			try (Scope scope = parentScope(context)) {
				context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
			}
			assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
				.hasSize(1);
		});
	}

	@Test
	void wrapsUserDefinedDataSources() {
		new ApplicationContextRunner()
			.withConfiguration(CloudTraceContextRunners.foundation(JdbcTracingAutoConfiguration.class))
			.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.withUserConfiguration(UserDataSourceConfiguration.class)
			.run((context) -> {
				DataSource dataSource = context.getBean("dataSource", DataSource.class);
				assertThat(dataSource).isInstanceOf(DriverManagerDataSource.class).isInstanceOf(TracedDataSource.class);
				assertThat(((DriverManagerDataSource) dataSource).getUrl()).isEqualTo("jdbc:h2:mem:user");
				// A final class cannot be subclassed: as Spring AOP does, the proxy has its interfaces.
				DataSource finalClass = context.getBean("finalClassDataSource", DataSource.class);
				assertThat(finalClass).isInstanceOf(TracedDataSource.class).isNotInstanceOf(JdbcDataSource.class);
				assertThat(finalClass.unwrap(JdbcDataSource.class).getURL()).startsWith("jdbc:h2:mem:final");
			});
	}

	@Test
	void leavesADataSourceThatOpenTelemetryWrapsAlready() {
		new ApplicationContextRunner()
			.withConfiguration(CloudTraceContextRunners.foundation(JdbcTracingAutoConfiguration.class))
			.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.withBean(DataSource.class, () -> JdbcTelemetry.create(OpenTelemetry.noop()).wrap(h2("wrapped")))
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(OpenTelemetryDataSource.class)
				.isNotInstanceOf(TracedDataSource.class));
	}

	@Test
	void leavesADataSourceOnOpenTelemetrysJdbcDriver() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:otel:h2:mem:driver",
					"spring.datasource.driver-class-name=io.opentelemetry.instrumentation.jdbc.OpenTelemetryDriver")
			.run((context) -> assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class));
	}

	@Test
	void aSpringDelegatingDataSourceOverATracedOneMakesOneSpanPerStatement() {
		new ApplicationContextRunner()
			.withConfiguration(CloudTraceContextRunners.foundation(JdbcTracingAutoConfiguration.class))
			.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.withUserConfiguration(DelegatingDataSourceConfiguration.class)
			.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.run((context) -> {
				DataSource lazy = context.getBean("lazyDataSource", DataSource.class);
				assertThat(lazy).isNotInstanceOf(TracedDataSource.class);
				try (Scope scope = parentScope(context)) {
					new JdbcTemplate(lazy).queryForObject("select 1", Integer.class);
				}
				assertThat(this.exporter.getFinishedSpanItems())
					.filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
					.hasSize(1);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesThePostProcessor() {
		this.runner
			.withBean("myPostProcessor", DataSourceTracingPostProcessor.class,
					() -> new DataSourceTracingPostProcessor(() -> {
						throw new IllegalStateException("not used");
					}))
			.run((context) -> assertThat(context).getBeans(DataSourceTracingPostProcessor.class)
				.containsOnlyKeys("myPostProcessor"));
	}

	@Test
	void jdbcEnabledFalseLeavesDataSourcesAlone() {
		this.runner.withPropertyValues("cloudtrace.jdbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class);
			assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class);
		});
	}

	@Test
	void cloudTraceDisabledLeavesDataSourcesAlone() {
		this.runner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class)
				.doesNotHaveBean(JdbcTracingProperties.class);
			assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class);
		});
	}

	@Test
	void backsOffWithoutTheJdbcLibraryInstrumentation() {
		this.runner.withClassLoader(new FilteredClassLoader(JdbcTelemetry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class)
				.doesNotHaveBean(JdbcTracingProperties.class);
			assertThat(context.getBean(DataSource.class)).isNotInstanceOf(TracedDataSource.class);
		});
	}

	@Test
	void addsNothingToAnApplicationWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(CloudTraceContextRunners.foundation(JdbcTracingAutoConfiguration.class))
			.withPropertyValues(CloudTraceContextRunners.OFFLINE_NOT_EXPORTING)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class);
				assertThat(context.getBeansOfType(TracedDataSource.class)).isEmpty();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "cloudtrace.jdbc.enabled", "cloudtrace.jdbc.statement-sanitization",
			"cloudtrace.jdbc.root-spans", "cloudtrace.jdbc.sqlcommenter.enabled" })
	void invalidValueStopsStartupNamingTheProperty(String property) {
		this.runner.withPropertyValues(property + "=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
			assertThat(messages(context.getStartupFailure())).contains(property);
		});
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private Scope parentScope(AssertableApplicationContext context) {
		Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
		Scope scope = parent.makeCurrent();
		return () -> {
			scope.close();
			parent.end();
		};
	}

	private SpanData single(SpanKind kind) {
		List<SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == kind)
			.toList();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	static JdbcDataSource h2(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDataSourceConfiguration {

		@Bean
		DriverManagerDataSource dataSource() {
			return new DriverManagerDataSource("jdbc:h2:mem:user");
		}

		@Bean
		DataSource finalClassDataSource() {
			return h2("final");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DelegatingDataSourceConfiguration {

		@Bean
		@Primary
		JdbcDataSource dataSource() {
			return h2("target");
		}

		@Bean
		LazyConnectionDataSourceProxy lazyDataSource(DataSource dataSource) {
			return new LazyConnectionDataSourceProxy(dataSource);
		}

	}

}
