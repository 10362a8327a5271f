package dev.cloudtrace.autoconfigure.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the logs that link to their trace.
 * <p>
 * Both are also read before binding, while Spring Boot initializes logging (by
 * {@link LogCorrelationApplicationListener} and the {@code gcp} structured log format); there
 * only {@code false}, respectively {@code true}, changes anything, and binding then reports
 * a value that is not a boolean.
 */
@ConfigurationProperties("cloudtrace.logging")
public class LoggingProperties {

	private final Mdc mdc = new Mdc();

	/**
	 * Whether lines in the gcp structured logging format carry
	 * logging.googleapis.com/sourceLocation: the file, line and method of the logging call.
	 * Finding them costs a walk of the stack for each line.
	 */
	private boolean sourceLocation = false;

	public Mdc getMdc() {
		return this.mdc;
	}

	public boolean isSourceLocation() {
		return this.sourceLocation;
	}

	public void setSourceLocation(boolean sourceLocation) {
		this.sourceLocation = sourceLocation;
	}

	/**
	 * The trace ids in the logging MDC.
	 */
	public static class Mdc {

		/**
		 * Whether the logging MDC holds the trace and span ids of the current span (traceId,
		 * spanId, traceSampled), so that Spring Boot's default log pattern prints
		 * [traceId-spanId] on each line logged in a span.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
