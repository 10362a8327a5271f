package dev.cloudtrace.autoconfigure.compatibility;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * Thrown at startup when the OpenTelemetry artifacts on the classpath do not work with the
 * starter or with each other.
 */
public class IncompatibleOpenTelemetryException extends RuntimeException {

	private final List<OpenTelemetryIncompatibility> incompatibilities;

	/**
	 * Create an exception for the rules that the OpenTelemetry artifacts break.
	 * @param incompatibilities what was found, what is needed and the fix, at least one
	 */
	public IncompatibleOpenTelemetryException(List<OpenTelemetryIncompatibility> incompatibilities) {
		super(incompatibilities.stream()
			.map(OpenTelemetryIncompatibility::description)
			.collect(Collectors.joining(" ")));
		Assert.notEmpty(incompatibilities, "'incompatibilities' must not be empty");
		this.incompatibilities = List.copyOf(incompatibilities);
	}

	/**
	 * Return the rules that the OpenTelemetry artifacts break.
	 * @return what was found, what is needed and the fix, for each
	 */
	public List<OpenTelemetryIncompatibility> getIncompatibilities() {
		return this.incompatibilities;
	}

}
