package dev.cloudtrace.autoconfigure.logging;

import dev.cloudtrace.autoconfigure.gcp.GoogleCloudProject;
import dev.cloudtrace.autoconfigure.logging.structured.GcpLoggingContext;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogCorrelationAutoConfiguration}. The MDC context storage is installed
 * when the test JVM starts ({@code TraceIdsInMdcSessionListener}), as the starter's listener
 * installs it in an application.
 */
class LogCorrelationAutoConfigurationTests {

	private final ApplicationContextRunner runner = CloudTraceContextRunners.offline()
		.withConfiguration(AutoConfigurations.of(LogCorrelationAutoConfiguration.class))
		.withPropertyValues("spring.application.name=checkout",
				"cloudtrace.resource.attributes.service.version=1.2.3");

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void isRegisteredAsAutoConfiguration() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(LogCorrelationAutoConfiguration.class.getName());
	}

	@Test
	void putsTraceIdsOfTheCurrentSpanInTheMdc() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MdcTraceCorrelation.class).hasSingleBean(LoggingProperties.class);
			assertThat(MdcTraceCorrelation.isInstalled()).isTrue();
			Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
			try (Scope scope = span.makeCurrent()) {
				assertThat(MDC.get("traceId")).isEqualTo(span.getSpanContext().getTraceId());
				assertThat(MDC.get("spanId")).isEqualTo(span.getSpanContext().getSpanId());
				assertThat(MDC.get("traceSampled")).isEqualTo("true");
			}
			finally {
				span.end();
			}
			assertThat(MDC.get("traceId")).isNull();
		});
	}

	@Test
	void stopsWritingTheMdcWhenTheContextCloses() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MdcTraceCorrelation.class));
		assertThat(MdcTraceCorrelation.isActive()).isFalse();
	}

	@Test
	void leavesTheMdcAloneWhenDisabled() {
		this.runner.withPropertyValues("cloudtrace.logging.mdc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MdcTraceCorrelation.class).hasSingleBean(LoggingProperties.class);
			assertNoIdsInMdcWhileSpanIsCurrent(context);
		});
	}

	@Test
	void backsOffWhenTheUserDefinesOne() {
		this.runner.withBean("userCorrelation", MdcTraceCorrelation.class, MdcTraceCorrelation::new)
			.run((context) -> assertThat(context).getBeans(MdcTraceCorrelation.class)
				.containsOnlyKeys("userCorrelation"));
	}

	@Test
	void needsSlf4j() {
		this.runner.withClassLoader(new FilteredClassLoader("org.slf4j")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MdcTraceCorrelation.class);
		});
	}

	@Test
	void failsOnAnMdcSwitchThatIsNotABoolean() {
		this.runner.withPropertyValues("cloudtrace.logging.mdc.enabled=maybe").run((context) -> {
			assertThat(context).hasFailed();
			BindException failure = findCause(context.getStartupFailure(), BindException.class);
			assertThat(failure.getProperty().getName()).hasToString("cloudtrace.logging.mdc.enabled");
			assertThat(failure.getProperty().getValue()).isEqualTo("maybe");
			assertThat(failure).hasMessageContaining("cloudtrace.logging")
				.hasRootCauseMessage("Invalid boolean value 'maybe'");
		});
	}

	@Test
	void failsOnASourceLocationSwitchThatIsNotABoolean() {
		this.runner.withPropertyValues("cloudtrace.logging.source-location=yes please").run((context) -> {
			BindException failure = findCause(context.getStartupFailure(), BindException.class);
			assertThat(failure.getProperty().getName()).hasToString("cloudtrace.logging.source-location");
		});
	}

	@Test
	void createsNothingWhenTracingIsDisabled() {
		this.runner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MdcTraceCorrelation.class)
				.doesNotHaveBean(LoggingProperties.class)
				.doesNotHaveBean(GcpLoggingContext.class);
		});
	}

	@Test
	void publishesProjectAndServiceForTheGcpFormat() {
		this.runner.withPropertyValues("cloudtrace.project-id=orders-prod").run((context) -> {
			GcpLoggingContext published = GcpLoggingContext.current();
			assertThat(published).isSameAs(context.getBean(GcpLoggingContext.class));
			assertThat(published.traceName("4bf92f3577b34da6a3ce929d0e0e4736"))
				.isEqualTo("projects/orders-prod/traces/4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(published.serviceContext()).containsExactly(entry("service", "checkout"),
					entry("version", "1.2.3"));
		});
		assertThat(GcpLoggingContext.current().traceName("4bf92f3577b34da6a3ce929d0e0e4736"))
			.as("after the context closed")
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(GcpLoggingContext.current().serviceContext()).isNull();
	}

	@Test
	void namesBareTraceIdsWithoutAProject() {
		this.runner.withPropertyValues("cloudtrace.project-id=").withBean(GoogleCloudProject.class,
				() -> new GoogleCloudProject(null, "none")).run((context) -> {
					assertThat(GcpLoggingContext.current().traceName("4bf92f3577b34da6a3ce929d0e0e4736"))
						.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
				});
	}

	@Test
	void gcpContextBacksOffWhenTheUserDefinesOne() {
		GcpLoggingContext user = new GcpLoggingContext("other-project", "svc", null);
		this.runner.withBean("userContext", GcpLoggingContext.class, () -> user).run((context) -> {
			assertThat(context).getBeans(GcpLoggingContext.class).containsOnlyKeys("userContext");
			assertThat(GcpLoggingContext.current()).isSameAs(user);
		});
	}

	@Test
	void gcpContextNeedsTheSdk() {
		this.runner.withClassLoader(new FilteredClassLoader(Resource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GcpLoggingContext.class));
	}

	private static void assertNoIdsInMdcWhileSpanIsCurrent(AssertableApplicationContext context) {
		Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
		try (Scope scope = span.makeCurrent()) {
			assertThat(MDC.get("traceId")).isNull();
			assertThat(MDC.get("spanId")).isNull();
		}
		finally {
			span.end();
		}
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable candidate = failure;
		while (candidate != null && !type.isInstance(candidate)) {
			candidate = candidate.getCause();
		}
		assertThat(candidate).as("%s in %s", type.getSimpleName(), failure).isNotNull();
		return type.cast(candidate);
	}

}
