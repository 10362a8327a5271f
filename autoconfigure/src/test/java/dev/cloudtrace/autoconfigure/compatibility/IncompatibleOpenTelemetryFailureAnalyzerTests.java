package dev.cloudtrace.autoconfigure.compatibility;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IncompatibleOpenTelemetryFailureAnalyzer}.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncompatibleOpenTelemetryFailureAnalyzerTests {

	@Test
	void describesApiOlderThanMinimum() {
		FailureAnalysis analysis = analyze(OpenTelemetryVersions.none().with(OpenTelemetryArtifact.API, "1.45.0"));
		assertThat(analysis.getDescription()).isEqualTo("The OpenTelemetry API on the classpath is 1.45.0 "
				+ "(io.opentelemetry:opentelemetry-api), but the Cloud Trace starter needs 1.49.0 or later.");
		assertThat(analysis.getAction()).isEqualTo("Remove the override of opentelemetry.version (or the import of "
				+ "the OpenTelemetry BOM, io.opentelemetry:opentelemetry-bom) so that your Spring Boot line's own "
				+ "OpenTelemetry version applies; supported lines: Spring Boot 3.5.x (1.49.0), 4.0.x (1.55.0), "
				+ "4.1.x (1.62.0).");
	}

	@Test
	void describesIncubatorOfAnotherVersionThanTheSdk() {
		FailureAnalysis analysis = analyze(OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.62.0")
			.with(OpenTelemetryArtifact.SDK, "1.62.0")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha"));
		assertThat(analysis.getDescription()).isEqualTo("io.opentelemetry:opentelemetry-api-incubator 1.55.0-alpha "
				+ "is on the classpath, but the OpenTelemetry SDK is 1.62.0: the SDK works only with the incubator of "
				+ "its own version.");
		assertThat(analysis.getAction()).isEqualTo("Manage io.opentelemetry:opentelemetry-api-incubator at the "
				+ "SDK's version in <dependencyManagement>: <dependency><groupId>io.opentelemetry</groupId>"
				+ "<artifactId>opentelemetry-api-incubator</artifactId><version>1.62.0-alpha</version></dependency> "
				+ "(or import io.opentelemetry:opentelemetry-bom-alpha:1.62.0-alpha), or exclude it from the "
				+ "dependency that brings it.");
	}

	@Test
	void describesSdkNewerThanApi() {
		FailureAnalysis analysis = analyze(OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.55.0")
			.with(OpenTelemetryArtifact.SDK_TRACE, "1.62.0"));
		assertThat(analysis.getDescription()).isEqualTo("io.opentelemetry:opentelemetry-sdk-trace 1.62.0 is on the "
				+ "classpath, but the OpenTelemetry API is 1.55.0: the SDK and its exporters work only with an API of "
				+ "their own version or newer.");
		assertThat(analysis.getAction()).isEqualTo("Remove the version that overrides the OpenTelemetry SDK (an "
				+ "explicit <version> on an io.opentelemetry dependency, or an import of a newer "
				+ "io.opentelemetry:opentelemetry-bom) so that your Spring Boot line's version, the API's 1.55.0, "
				+ "applies to all OpenTelemetry artifacts.");
	}

	@Test
	void reportsSeveralProblemsInOneAnalysisWithEachFixOnce() {
		FailureAnalysis analysis = analyze(OpenTelemetryVersions.none()
			.with(OpenTelemetryArtifact.API, "1.62.0")
			.with(OpenTelemetryArtifact.CONTEXT, "1.45.0")
			.with(OpenTelemetryArtifact.SDK_COMMON, "1.45.0")
			.with(OpenTelemetryArtifact.SDK, "1.62.0")
			.with(OpenTelemetryArtifact.API_INCUBATOR, "1.55.0-alpha"));
		String lineSeparator = System.lineSeparator();
		assertThat(analysis.getDescription()).isEqualTo(String.join(lineSeparator,
				"The OpenTelemetry artifacts on the classpath do not work with the Cloud Trace starter:", "",
				"\t- The OpenTelemetry context on the classpath is 1.45.0 (io.opentelemetry:opentelemetry-context), "
						+ "but the Cloud Trace starter needs 1.49.0 or later.",
				"\t- The OpenTelemetry SDK (common) on the classpath is 1.45.0 "
						+ "(io.opentelemetry:opentelemetry-sdk-common), but the Cloud Trace starter needs 1.49.0 "
						+ "or later.",
				"\t- io.opentelemetry:opentelemetry-api-incubator 1.55.0-alpha is on the classpath, but the "
						+ "OpenTelemetry SDK is 1.62.0: the SDK works only with the incubator of its own version."));
		assertThat(analysis.getAction().split(lineSeparator)).satisfiesExactly(
				(fix) -> assertThat(fix).startsWith("\t- Remove the override of opentelemetry.version"),
				(fix) -> assertThat(fix).startsWith("\t- Manage io.opentelemetry:opentelemetry-api-incubator")
					.contains("<version>1.62.0-alpha</version>"));
	}

	@Test
	void analysisIsPrintedWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ApiTooOldConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(IncompatibleOpenTelemetryException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The OpenTelemetry API on the classpath is 1.45.0 (io.opentelemetry:opentelemetry-api), but the "
						+ "Cloud Trace starter needs 1.49.0 or later.",
				"Remove the override of opentelemetry.version");
	}

	private static FailureAnalysis analyze(OpenTelemetryVersions versions) {
		List<OpenTelemetryIncompatibility> incompatibilities = OpenTelemetryCompatibility.check(versions);
		IncompatibleOpenTelemetryException failure = new IncompatibleOpenTelemetryException(incompatibilities);
		return new IncompatibleOpenTelemetryFailureAnalyzer().analyze(new IllegalStateException("wrapped", failure));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApiTooOldConfiguration {

		@Bean
		static OpenTelemetryCompatibilityPostProcessor apiTooOld() {
			return new OpenTelemetryCompatibilityPostProcessor(
					(classLoader) -> OpenTelemetryVersions.none().with(OpenTelemetryArtifact.API, "1.45.0"));
		}

	}

}
