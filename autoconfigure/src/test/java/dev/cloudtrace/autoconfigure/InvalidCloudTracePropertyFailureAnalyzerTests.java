package dev.cloudtrace.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidCloudTracePropertyFailureAnalyzer}.
 */
class InvalidCloudTracePropertyFailureAnalyzerTests {

	@Test
	void reportNamesPropertyValueAndWhatIsAllowed() {
		InvalidCloudTracePropertyException failure = new InvalidCloudTracePropertyException(
				"cloudtrace.sampler.probability", 1.5, "use a number from 0.0 to 1.0.");
		FailureAnalysis analysis = new InvalidCloudTracePropertyFailureAnalyzer()
			.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription())
			.isEqualTo("Invalid value '1.5' for property 'cloudtrace.sampler.probability'.");
		assertThat(analysis.getAction()).contains("use a number from 0.0 to 1.0.");
	}

}
