package dev.cloudtrace.autoconfigure.logging.structured;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiConsumer;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Log4j2 formatter of the {@code gcp} structured logging format (see
 * {@link GcpStructuredLogFormat} and {@link GcpJsonMembers}).
 * {@code logging.structured.format.console=gcp} selects it; so does this class's name.
 * <p>
 * Log4j2 keeps the key-value pairs of SLF4J's fluent API in the context data, beside the
 * MDC: both become labels. The caller ({@code cloudtrace.logging.source-location}) is known
 * only where the logger configuration includes the location, which asynchronous loggers do
 * not by default.
 */
public class GcpLog4j2StructuredLogFormatter extends JsonWriterStructuredLogFormatter<LogEvent> {

	/**
	 * Created by Spring Boot's structured logging, which provides the arguments.
	 * @param environment the application's environment
	 * @param stackTracePrinter the printer that {@code logging.structured.json.stacktrace.*}
	 * configures, or {@code null}
	 * @param contextPairs where MDC entries go ({@code logging.structured.json.context.*})
	 * @param customizer the customizations of {@code logging.structured.json.*} and of
	 * {@code StructuredLoggingJsonMembersCustomizer}s, or {@code null}
	 */
	public GcpLog4j2StructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, @Nullable StructuredLoggingJsonMembersCustomizer<?> customizer) {
		super(new GcpJsonMembers<>(new Events(stackTracePrinter), contextPairs,
				SourceLocationProperty.isEnabled(environment)), customizer);
	}

	/**
	 * Reads Log4j2's events.
	 */
	private static final class Events implements LogEventAccess<LogEvent> {

		// Log4j2's intLevel grows as severity falls: FATAL 100, ERROR 200, WARN 300, INFO 400.
		private static final int FATAL = 100;

		private static final int ERROR = 200;

		private static final int WARN = 300;

		private static final int INFO = 400;

		private final @Nullable StackTracePrinter stackTracePrinter;

		Events(@Nullable StackTracePrinter stackTracePrinter) {
			this.stackTracePrinter = stackTracePrinter;
		}

		@Override
		public long epochSecond(LogEvent event) {
			return event.getInstant().getEpochSecond();
		}

		@Override
		public int nanoOfSecond(LogEvent event) {
			return event.getInstant().getNanoOfSecond();
		}

		@Override
		public String severity(LogEvent event) {
			int level = event.getLevel().intLevel();
			if (level <= FATAL) {
				return "CRITICAL";
			}
			if (level <= ERROR) {
				return "ERROR";
			}
			if (level <= WARN) {
				return "WARNING";
			}
			return (level <= INFO) ? "INFO" : "DEBUG";
		}

		@Override
		public String message(LogEvent event) {
			return event.getMessage().getFormattedMessage();
		}

		@Override
		public String logger(LogEvent event) {
			return event.getLoggerName();
		}

		@Override
		public String thread(LogEvent event) {
			return event.getThreadName();
		}

		@Override
		public @Nullable String contextValue(LogEvent event, String key) {
			ReadOnlyStringMap contextData = event.getContextData();
			return (contextData != null) ? contextData.getValue(key) : null;
		}

		@Override
		public void contextPairs(LogEvent event, BiConsumer<String, @Nullable Object> pairs) {
			ReadOnlyStringMap contextData = event.getContextData();
			if (contextData != null) {
				contextData.forEach(pairs::accept);
			}
		}

		@Override
		public @Nullable String stackTrace(LogEvent event) {
			Throwable thrown = event.getThrown();
			if (thrown == null) {
				return null;
			}
			if (this.stackTracePrinter != null) {
				return this.stackTracePrinter.printStackTraceToString(thrown);
			}
			StringWriter out = new StringWriter();
			thrown.printStackTrace(new PrintWriter(out));
			return out.toString();
		}

		@Override
		public @Nullable StackTraceElement caller(LogEvent event) {
			return event.getSource();
		}

	}

}
