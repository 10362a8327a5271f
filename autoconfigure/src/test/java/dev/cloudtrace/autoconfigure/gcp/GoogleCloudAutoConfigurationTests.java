package dev.cloudtrace.autoconfigure.gcp;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoogleCloudAutoConfiguration}.
 */
class GoogleCloudAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CloudTraceContextRunners.foundation())
		.withPropertyValues("cloudtrace.exporter.type=none", "cloudtrace.resource.detect-gcp=false");

	@Test
	void createsPlatformProjectAndCredentialsBeans() {
		this.contextRunner.withPropertyValues("cloudtrace.project-id=p1").run((context) -> {
			assertThat(context).hasSingleBean(GoogleCloudPlatform.class)
				.hasSingleBean(GoogleCloudProject.class)
				.hasSingleBean(CachingGoogleCredentials.class);
			assertThat(context.getBean(GoogleCloudProject.class).id()).isEqualTo("p1");
			assertThat(context.getBean(GoogleCloudPlatform.class).getResource().getAttributes().isEmpty()).isTrue();
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsWhereTheProjectIdCameFromAtDebugLevel(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		String logger = GoogleCloudAutoConfiguration.class.getName();
		loggingSystem.setLogLevel(logger, LogLevel.DEBUG);
		try {
			this.contextRunner.withPropertyValues("cloudtrace.project-id=p1", "cloudtrace.credentials.enabled=false")
				.run((context) -> assertThat(context).hasSingleBean(GoogleCloudProject.class));
			assertThat(output).contains("Google Cloud project p1, from cloudtrace.project-id");
		}
		finally {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void noCredentialsBeanWhenDisabled() {
		this.contextRunner.withPropertyValues("cloudtrace.credentials.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachingGoogleCredentials.class)
				.hasSingleBean(GoogleCloudProject.class));
	}

	@Test
	void noCredentialsBeanWithoutGoogleAuthLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.google.auth"))
			.withPropertyValues("cloudtrace.project-id=p1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CachingGoogleCredentials.class));
	}

	@Test
	void readsHintsThroughTheEnvironmentAndDetectsOnlyWhenAllowed() {
		// K_SERVICE is the hint; detection stays off so that the test never calls a metadata server.
		this.contextRunner.withPropertyValues("K_SERVICE=checkout", "cloudtrace.project-id=p1").run((context) -> {
			GoogleCloudPlatform platform = context.getBean(GoogleCloudPlatform.class);
			assertThat(platform.isOnGoogleCloud()).isTrue();
			assertThat(platform.getResource().getAttributes().isEmpty()).isTrue();
		});
	}

	@Test
	void backsOffFromUserBeans() {
		this.contextRunner.withUserConfiguration(UserConfiguration.class).run((context) -> {
			assertThat(context.getBean(GoogleCloudProject.class)).isSameAs(UserConfiguration.PROJECT);
			assertThat(context.getBean(GoogleCloudPlatform.class)).isSameAs(UserConfiguration.PLATFORM);
		});
	}

	@Test
	void disabledCreatesNothing() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GoogleCloudPlatform.class)
				.doesNotHaveBean(GoogleCloudProject.class)
				.doesNotHaveBean(CachingGoogleCredentials.class));
	}

	@Test
	void failsOnUnknownDetectionMode() {
		this.contextRunner.withPropertyValues("cloudtrace.resource.detect-gcp=maybe")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("maybe"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		static final GoogleCloudProject PROJECT = new GoogleCloudProject("user", "user");

		static final GoogleCloudPlatform PLATFORM = new GoogleCloudPlatform(false, false, Attributes::empty);

		@Bean
		GoogleCloudProject userProject() {
			return PROJECT;
		}

		@Bean
		GoogleCloudPlatform userPlatform() {
			return PLATFORM;
		}

	}

}
