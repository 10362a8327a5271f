package com.example.compat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A failure case of compat/failure-cases.txt, named by {@code -Dcompat.case}: OpenTelemetry jars
 * that do not fit the starter must stop startup with a failure analysis that names the versions.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	/** What the startup output must contain, for each failure case. */
	private static final Map<String, List<String>> EXPECTED_OUTPUT = Map.of(
			// OpenTelemetry 1.45.0 forced by the user; the starter needs at least 1.49.0.
			"old-api", List.of("APPLICATION FAILED TO START", "1.45.0", "1.49.0"),
			// opentelemetry-api-incubator 1.55.0-alpha brought by another library, beside Boot 4.1.2's 1.62.0.
			"incubator-mismatch", List.of("APPLICATION FAILED TO START", "1.55.0-alpha", "1.62.0"));

	@Test
	void startupFailsWithAnAnalysisThatNamesTheVersions(CapturedOutput output) throws Exception {
		String failureCase = System.getProperty("compat.case");
		assertThat(EXPECTED_OUTPUT).as("expected output of -Dcompat.case=%s", failureCase).containsKey(failureCase);
		try (FakeOtlpEndpoint otlp = new FakeOtlpEndpoint()) {
			Throwable failure = catchThrowable(() -> ConsumerApp.start(otlp, "100ms").close());
			assertThat(failure).as("what SpringApplication.run threw").isNotNull();
			assertThat(analysis(output.getAll()))
				.as("failure analysis in the startup output (run threw %s)", describe(failure))
				.contains(EXPECTED_OUTPUT.get(failureCase));
		}
	}

	// From the analysis' banner on, so that a failed assertion shows the analysis, not the whole log.
	// Jar locations are left out: Spring Boot's own analysis of a NoSuchMethodError lists the jars
	// whose paths hold versions, which is not the starter naming them.
	private static String analysis(String output) {
		int banner = output.indexOf("APPLICATION FAILED TO START");
		if (banner < 0) {
			return "(no failure analysis)";
		}
		String analysis = output.substring(banner, Math.min(output.length(), banner + 5000));
		return analysis.replaceAll("\\S*\\.jar\\b\\S*", "<jar location>");
	}

	private static String describe(Throwable failure) {
		return failure + ", root cause " + NestedExceptionUtils.getMostSpecificCause(failure);
	}

}
