package dev.cloudtrace.autoconfigure.logging.structured;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcpLogbackStructuredLogFormatter}, created as Spring Boot creates it: by
 * class name, through its structured logging factory.
 */
class GcpLogbackStructuredLogFormatterTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private final LoggerContext loggerContext = new LoggerContext();

	private final Logger logger = this.loggerContext.getLogger("com.example.Orders");

	private final ThrowableProxyConverter throwableProxyConverter = new ThrowableProxyConverter();

	private final MockEnvironment environment = new MockEnvironment();

	private final GcpLoggingContext published = new GcpLoggingContext("orders-prod", "checkout", "1.2.3");

	@BeforeEach
	void start() {
		this.throwableProxyConverter.start();
		this.published.afterPropertiesSet();
	}

	@AfterEach
	void stop() {
		this.published.destroy();
		this.throwableProxyConverter.stop();
	}

	@Test
	void writesOneCloudLoggingEntryPerLine() {
		LoggingEvent event = event(Level.INFO, "order {} paid", null, inSpan(true, Map.of("tenant", "acme")));
		event.addKeyValuePair(new KeyValuePair("order", 42));
		String line = format(event);
		assertThat(line).endsWith("\n").doesNotContain("\r");
		assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
		Map<String, Object> json = parse(line);
		assertThat(json).containsOnlyKeys("timestamp", "severity", "message", "logger", "thread",
				"logging.googleapis.com/trace", "logging.googleapis.com/spanId", "logging.googleapis.com/trace_sampled",
				"logging.googleapis.com/labels");
		assertThat(json.get("timestamp")).isEqualTo(Map.of("seconds", 1764590400L, "nanos", 123456789L));
		assertThat(json).containsEntry("severity", "INFO")
			.containsEntry("message", "order 7 paid")
			.containsEntry("logger", "com.example.Orders")
			.containsEntry("thread", "http-nio-8080-exec-1")
			.containsEntry("logging.googleapis.com/trace", "projects/orders-prod/traces/" + TRACE_ID)
			.containsEntry("logging.googleapis.com/spanId", SPAN_ID)
			.containsEntry("logging.googleapis.com/trace_sampled", true)
			.containsEntry("logging.googleapis.com/labels", Map.of("tenant", "acme", "order", "42"));
	}

	@Test
	void writesTheSampledFlagAsItWas() {
		LoggingEvent event = event(Level.INFO, "unsampled", null, inSpan(false, Map.of()));
		assertThat(parse(format(event))).containsEntry("logging.googleapis.com/trace_sampled", false)
			.doesNotContainKey("logging.googleapis.com/labels");
	}

	@Test
	void writesNoTraceOutsideASpan() {
		assertThat(parse(format(event(Level.INFO, "startup", null)))).doesNotContainKeys(
				"logging.googleapis.com/trace", "logging.googleapis.com/spanId",
				"logging.googleapis.com/trace_sampled", "logging.googleapis.com/labels");
	}

	@Test
	void namesTheBareTraceIdWithoutAProject() {
		this.published.destroy();
		LoggingEvent event = event(Level.INFO, "no project", null, inSpan(true, Map.of()));
		assertThat(parse(format(event))).containsEntry("logging.googleapis.com/trace", TRACE_ID);
	}

	@Test
	void usesCloudLoggingSeverities() {
		assertThat(parse(format(event(Level.TRACE, "m", null)))).containsEntry("severity", "DEBUG");
		assertThat(parse(format(event(Level.DEBUG, "m", null)))).containsEntry("severity", "DEBUG");
		assertThat(parse(format(event(Level.WARN, "m", null)))).containsEntry("severity", "WARNING");
		assertThat(parse(format(event(Level.ERROR, "m", null)))).containsEntry("severity", "ERROR");
	}

	@Test
	void writesStackTraceAndServiceContextOfAnError() {
		LoggingEvent event = event(Level.ERROR, "payment failed", new IllegalStateException("card declined"));
		Map<String, Object> json = parse(format(event));
		assertThat(json).containsEntry("message", "payment failed")
			.containsEntry("serviceContext", Map.of("service", "checkout", "version", "1.2.3"));
		assertThat((String) json.get("stack_trace")).startsWith("java.lang.IllegalStateException: card declined")
			.contains("\tat " + getClass().getName());
	}

	@Test
	void writesNoServiceContextBeforeTheServiceIsKnown() {
		this.published.destroy();
		Map<String, Object> json = parse(format(event(Level.ERROR, "early", new IllegalStateException("boom"))));
		assertThat(json).containsKey("stack_trace").doesNotContainKey("serviceContext");
	}

	@Test
	void writesSourceLocationOnlyWhenAskedFor() {
		LoggingEvent event = event(Level.INFO, "where", null);
		event.setCallerData(new StackTraceElement[] {
				new StackTraceElement("com.example.Orders", "pay", "Orders.java", 42) });
		assertThat(parse(format(event))).doesNotContainKey("logging.googleapis.com/sourceLocation");
		this.environment.setProperty("cloudtrace.logging.source-location", "true");
		assertThat(parse(format(event))).containsEntry("logging.googleapis.com/sourceLocation",
				Map.of("file", "Orders.java", "line", "42", "function", "com.example.Orders.pay"));
	}

	@Test
	void appliesSpringBootsJsonCustomization() {
		this.environment.setProperty("logging.structured.json.exclude", "thread");
		this.environment.setProperty("logging.structured.json.add.region", "europe-west1");
		this.environment.setProperty("logging.structured.json.rename.logger", "logger_name");
		Map<String, Object> json = parse(format(event(Level.INFO, "customized", null)));
		assertThat(json).doesNotContainKeys("thread", "logger")
			.containsEntry("region", "europe-west1")
			.containsEntry("logger_name", "com.example.Orders");
	}

	@Test
	void appliesStructuredLoggingJsonMembersCustomizers() {
		this.environment.setProperty("logging.structured.json.customizer", AddRegion.class.getName());
		assertThat(parse(format(event(Level.INFO, "customized", null)))).containsEntry("region", "europe-west1")
			.containsEntry("severity", "INFO");
	}

	@Test
	void appliesSpringBootsContextSettingsToLabels() {
		LoggingEvent event = event(Level.INFO, "labels", null, inSpan(true, Map.of("tenant", "acme")));
		this.environment.setProperty("logging.structured.json.context.prefix", "app");
		assertThat(parse(format(event))).containsEntry("logging.googleapis.com/labels", Map.of("app.tenant", "acme"));
		this.environment.setProperty("logging.structured.json.context.include", "false");
		assertThat(parse(format(event))).doesNotContainKey("logging.googleapis.com/labels")
			.containsEntry("logging.googleapis.com/spanId", SPAN_ID);
	}

	private LoggingEvent event(Level level, String message, Throwable throwable) {
		return event(level, message, throwable, Map.of());
	}

	private LoggingEvent event(Level level, String message, Throwable throwable, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent("org.slf4j.Logger", this.logger, level, message, throwable,
				new Object[] { 7 });
		event.setInstant(Instant.ofEpochSecond(1764590400L, 123456789L));
		event.setThreadName("http-nio-8080-exec-1");
		event.setMDCPropertyMap(mdc);
		return event;
	}

	private static Map<String, String> inSpan(boolean sampled, Map<String, String> others) {
		Map<String, String> mdc = new LinkedHashMap<>(others);
		mdc.put("traceId", TRACE_ID);
		mdc.put("spanId", SPAN_ID);
		mdc.put("traceSampled", Boolean.toString(sampled));
		return mdc;
	}

	private String format(ILoggingEvent event) {
		StructuredLogFormatter<ILoggingEvent> formatter = new StructuredLogFormatterFactory<>(ILoggingEvent.class,
				this.environment,
				(parameters) -> parameters.add(ThrowableProxyConverter.class, this.throwableProxyConverter),
				(common) -> {
				})
			.get(GcpLogbackStructuredLogFormatter.class.getName());
		return formatter.format(event);
	}

	private static Map<String, Object> parse(String line) {
		return normalize(JsonParserFactory.getJsonParser().parseMap(line));
	}

	// JSON numbers as longs, whichever parser is on the class path.
	@SuppressWarnings("unchecked")
	private static Map<String, Object> normalize(Map<String, Object> json) {
		Map<String, Object> result = new LinkedHashMap<>();
		json.forEach((key, value) -> {
			if (value instanceof Map<?, ?> map) {
				value = normalize((Map<String, Object>) map);
			}
			else if (value instanceof Integer number) {
				value = number.longValue();
			}
			result.put(key, value);
		});
		return result;
	}


	/**
	 * A customizer of the user's, named by {@code logging.structured.json.customizer}.
	 */
	public static class AddRegion implements StructuredLoggingJsonMembersCustomizer<Object> {

		@Override
		public void customize(JsonWriter.Members<Object> members) {
			members.add("region", "europe-west1");
		}

	}

}
