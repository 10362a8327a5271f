package dev.cloudtrace.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code cloudtrace.*} property has a value the starter cannot use.
 */
public class InvalidCloudTracePropertyException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String allowed;

	public InvalidCloudTracePropertyException(String property, Object value, String allowed) {
		super("Invalid value '" + value + "' for property '" + property + "': " + allowed);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * Checks a condition on a property value.
	 * @param valid whether the value is acceptable
	 * @param property the property name
	 * @param value the value that was bound
	 * @param allowed a description of the values that are allowed
	 * @throws InvalidCloudTracePropertyException if {@code valid} is false
	 */
	public static void check(boolean valid, String property, @Nullable Object value, String allowed) {
		if (!valid) {
			throw new InvalidCloudTracePropertyException(property, value, allowed);
		}
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
