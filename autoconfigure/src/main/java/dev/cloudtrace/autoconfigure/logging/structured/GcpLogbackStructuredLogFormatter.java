package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Logback formatter of the {@code gcp} structured logging format (see
 * {@link GcpStructuredLogFormat} and {@link GcpJsonMembers}).
 * {@code logging.structured.format.console=gcp} selects it; so does this class's name.
 */
public class GcpLogbackStructuredLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	/**
	 * Created by Spring Boot's structured logging, which provides the arguments.
	 * @param environment the application's environment
	 * @param stackTracePrinter the printer that {@code logging.structured.json.stacktrace.*}
	 * configures, or {@code null}
	 * @param contextPairs where MDC entries go ({@code logging.structured.json.context.*})
	 * @param throwableProxyConverter Logback's stack trace printer
	 * @param customizer the customizations of {@code logging.structured.json.*} and of
	 * {@code StructuredLoggingJsonMembersCustomizer}s, or {@code null}
	 */
	public GcpLogbackStructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter,
			@Nullable StructuredLoggingJsonMembersCustomizer<?> customizer) {
		super(new GcpJsonMembers<>(new Events(stackTracePrinter, throwableProxyConverter), contextPairs,
				SourceLocationProperty.isEnabled(environment)), customizer);
	}

	/**
	 * Reads Logback's events.
	 */
	private static final class Events implements LogEventAccess<ILoggingEvent> {

		private final @Nullable StackTracePrinter stackTracePrinter;

		private final ThrowableProxyConverter throwableProxyConverter;

		Events(@Nullable StackTracePrinter stackTracePrinter, ThrowableProxyConverter throwableProxyConverter) {
			this.stackTracePrinter = stackTracePrinter;
			this.throwableProxyConverter = throwableProxyConverter;
		}

		@Override
		public long epochSecond(ILoggingEvent event) {
			return event.getInstant().getEpochSecond();
		}

		@Override
		public int nanoOfSecond(ILoggingEvent event) {
			return event.getInstant().getNano();
		}

		@Override
		public String severity(ILoggingEvent event) {
			int level = event.getLevel().toInt();
			if (level >= Level.ERROR_INT) {
				return "ERROR";
			}
			if (level >= Level.WARN_INT) {
				return "WARNING";
			}
			return (level >= Level.INFO_INT) ? "INFO" : "DEBUG";
		}

		@Override
		public String message(ILoggingEvent event) {
			return event.getFormattedMessage();
		}

		@Override
		public String logger(ILoggingEvent event) {
			return event.getLoggerName();
		}

		@Override
		public String thread(ILoggingEvent event) {
			return event.getThreadName();
		}

		@Override
		public @Nullable String contextValue(ILoggingEvent event, String key) {
			return event.getMDCPropertyMap().get(key);
		}

		@Override
		public void contextPairs(ILoggingEvent event, BiConsumer<String, @Nullable Object> pairs) {
			Map<String, String> mdc = event.getMDCPropertyMap();
			mdc.forEach(pairs);
			List<KeyValuePair> keyValuePairs = event.getKeyValuePairs();
			if (keyValuePairs != null) {
				keyValuePairs.forEach((pair) -> pairs.accept(pair.key, pair.value));
			}
		}

		@Override
		public @Nullable String stackTrace(ILoggingEvent event) {
			IThrowableProxy proxy = event.getThrowableProxy();
			if (proxy == null) {
				return null;
			}
			if (this.stackTracePrinter != null && proxy instanceof ThrowableProxy throwableProxy) {
				return this.stackTracePrinter.printStackTraceToString(throwableProxy.getThrowable());
			}
			return this.throwableProxyConverter.convert(event);
		}

		@Override
		public @Nullable StackTraceElement caller(ILoggingEvent event) {
			StackTraceElement[] callerData = event.getCallerData();
			return (callerData != null && callerData.length > 0) ? callerData[0] : null;
		}

	}

}
