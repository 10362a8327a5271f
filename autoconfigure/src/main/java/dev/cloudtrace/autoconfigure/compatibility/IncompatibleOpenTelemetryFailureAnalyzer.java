package dev.cloudtrace.autoconfigure.compatibility;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link IncompatibleOpenTelemetryException} into a startup report that gives the
 * versions found, the versions needed and the fix.
 */
class IncompatibleOpenTelemetryFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleOpenTelemetryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleOpenTelemetryException cause) {
		List<String> descriptions = cause.getIncompatibilities()
			.stream()
			.map(OpenTelemetryIncompatibility::description)
			.toList();
		// Several artifacts of one overridden version share one fix.
		List<String> fixes = cause.getIncompatibilities()
			.stream()
			.map(OpenTelemetryIncompatibility::fix)
			.distinct()
			.toList();
		String description = (descriptions.size() == 1) ? descriptions.get(0)
				: "The OpenTelemetry artifacts on the classpath do not work with the Cloud Trace starter:%n%n%s"
					.formatted(list(descriptions));
		String action = (fixes.size() == 1) ? fixes.get(0) : list(fixes);
		return new FailureAnalysis(description, action, cause);
	}

	private static String list(List<String> lines) {
		return lines.stream().map((line) -> "\t- " + line).collect(Collectors.joining(System.lineSeparator()));
	}

}
