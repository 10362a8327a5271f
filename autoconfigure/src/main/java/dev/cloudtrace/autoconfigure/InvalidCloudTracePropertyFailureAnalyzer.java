package dev.cloudtrace.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidCloudTracePropertyException} into a startup report that names the
 * property, the bad value and what is allowed.
 */
class InvalidCloudTracePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCloudTracePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCloudTracePropertyException cause) {
		String description = "Invalid value '%s' for property '%s'.".formatted(cause.getValue(), cause.getProperty());
		String action = "Update your application's configuration: %s".formatted(cause.getAllowed());
		return new FailureAnalysis(description, action, cause);
	}

}
