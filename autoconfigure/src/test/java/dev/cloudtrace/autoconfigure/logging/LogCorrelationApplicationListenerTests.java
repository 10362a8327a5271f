package dev.cloudtrace.autoconfigure.logging;

import dev.cloudtrace.autoconfigure.logging.structured.GcpLogbackStructuredLogFormatter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogCorrelationApplicationListener}.
 */
class LogCorrelationApplicationListenerTests {

	private final LogCorrelationApplicationListener listener = new LogCorrelationApplicationListener();

	@Test
	void isRegisteredAndRunsJustBeforeSpringBootInitializesLogging() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
			.hasAtLeastOneElementOfType(LogCorrelationApplicationListener.class);
		assertThat(this.listener.getOrder()).isEqualTo(LoggingApplicationListener.DEFAULT_ORDER - 1);
	}

	@Test
	void makesSpringBootsDefaultPatternsPrintTheCorrelationId() {
		MockEnvironment environment = prepare(new MockEnvironment());
		assertThat(environment.getProperty("logging.expect-correlation-id")).isEqualTo("true");
	}

	@Test
	void leavesAnExplicitChoiceOfTheCorrelationIdAlone() {
		MockEnvironment environment = prepare(new MockEnvironment().withProperty("logging.expect-correlation-id", "false"));
		assertThat(environment.getProperty("logging.expect-correlation-id")).isEqualTo("false");
	}

	@Test
	void addsNoCorrelationIdWhenTheMdcIsDisabled() {
		MockEnvironment environment = prepare(
				new MockEnvironment().withProperty("cloudtrace.logging.mdc.enabled", "false"));
		assertThat(environment.getProperty("logging.expect-correlation-id")).isNull();
	}

	@Test
	void addsNoCorrelationIdWhenTracingIsDisabled() {
		MockEnvironment environment = prepare(new MockEnvironment().withProperty("cloudtrace.enabled", "false"));
		assertThat(environment.getProperty("logging.expect-correlation-id")).isNull();
	}

	@Test
	void namesTheLogbackFormatterForGcp() {
		MockEnvironment environment = prepare(new MockEnvironment()
			.withProperty("logging.structured.format.console", "gcp")
			.withProperty("logging.structured.format.file", "GCP"));
		assertThat(environment.getProperty("logging.structured.format.console"))
			.isEqualTo(GcpLogbackStructuredLogFormatter.class.getName());
		assertThat(environment.getProperty("logging.structured.format.file"))
			.isEqualTo(GcpLogbackStructuredLogFormatter.class.getName());
	}

	@Test
	void namesTheGcpFormatterEvenWhenTracingIsDisabled() {
		MockEnvironment environment = prepare(new MockEnvironment().withProperty("cloudtrace.enabled", "false")
			.withProperty("logging.structured.format.console", "gcp"));
		assertThat(environment.getProperty("logging.structured.format.console"))
			.isEqualTo(GcpLogbackStructuredLogFormatter.class.getName());
	}

	@Test
	void leavesOtherFormatsAlone() {
		MockEnvironment environment = prepare(new MockEnvironment()
			.withProperty("logging.structured.format.console", "ecs"));
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("logging.structured.format.file")).isNull();
	}

	private MockEnvironment prepare(MockEnvironment environment) {
		ConfigurableBootstrapContext bootstrap = new DefaultBootstrapContext();
		this.listener.onApplicationEvent(
				new ApplicationEnvironmentPreparedEvent(bootstrap, new SpringApplication(), new String[0], environment));
		return environment;
	}

}
