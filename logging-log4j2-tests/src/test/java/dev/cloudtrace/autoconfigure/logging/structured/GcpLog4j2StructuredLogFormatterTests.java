package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.JdkMapAdapterStringMap;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GcpLog4j2StructuredLogFormatter}, created as Spring Boot creates it: by
 * class name, through its structured logging factory.
 */
class GcpLog4j2StructuredLogFormatterTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final MockEnvironment environment = new MockEnvironment();

	private final GcpLoggingContext published = new GcpLoggingContext("orders-prod", "checkout", "1.2.3");

	@BeforeEach
	void publish() {
		this.published.afterPropertiesSet();
	}

	@AfterEach
	void withdraw() {
		this.published.destroy();
	}

	@Test
	void writesOneCloudLoggingEntry() {
		Map<String, Object> json = parse(format(event(Level.INFO, null,
				Map.of("traceId", TRACE_ID, "spanId", "00f067aa0ba902b7", "traceSampled", "false", "tenant", "acme"))));
		assertThat(json).containsEntry("severity", "INFO")
			.containsEntry("message", "order 7 paid")
			.containsEntry("logger", "com.example.Orders")
			.containsEntry("thread", "http-nio-8080-exec-1")
			.containsEntry("logging.googleapis.com/trace", "projects/orders-prod/traces/" + TRACE_ID)
			.containsEntry("logging.googleapis.com/spanId", "00f067aa0ba902b7")
			.containsEntry("logging.googleapis.com/trace_sampled", false)
			.containsEntry("logging.googleapis.com/labels", Map.of("tenant", "acme"));
		assertThat(json.get("timestamp")).isInstanceOfSatisfying(Map.class, (timestamp) -> {
			assertThat(((Number) timestamp.get("seconds")).longValue()).isEqualTo(1764590400L);
			assertThat(((Number) timestamp.get("nanos")).longValue()).isEqualTo(123456789L);
		});
	}

	@Test
	void usesCloudLoggingSeverities() {
		assertThat(parse(format(event(Level.TRACE, null, Map.of())))).containsEntry("severity", "DEBUG");
		assertThat(parse(format(event(Level.DEBUG, null, Map.of())))).containsEntry("severity", "DEBUG");
		assertThat(parse(format(event(Level.WARN, null, Map.of())))).containsEntry("severity", "WARNING");
		assertThat(parse(format(event(Level.ERROR, null, Map.of())))).containsEntry("severity", "ERROR");
		assertThat(parse(format(event(Level.FATAL, null, Map.of())))).containsEntry("severity", "CRITICAL");
	}

	@Test
	void writesStackTraceAndServiceContextOfAnError() {
		Map<String, Object> json = parse(format(event(Level.ERROR, new IllegalStateException("card declined"), Map.of())));
		assertThat(json).containsEntry("serviceContext", Map.of("service", "checkout", "version", "1.2.3"));
		assertThat((String) json.get("stack_trace")).startsWith("java.lang.IllegalStateException: card declined")
			.contains("\tat " + getClass().getName());
	}

	@Test
	void writesSourceLocationOnlyWhenAskedFor() {
		LogEvent event = event(Level.INFO, null, Map.of());
		assertThat(parse(format(event))).doesNotContainKey("logging.googleapis.com/sourceLocation");
		this.environment.setProperty("cloudtrace.logging.source-location", "true");
		assertThat(parse(format(event))).containsEntry("logging.googleapis.com/sourceLocation",
				Map.of("file", "Orders.java", "line", "42", "function", "com.example.Orders.pay"));
	}

	private static LogEvent event(Level level, Throwable thrown, Map<String, String> contextData) {
		MutableInstant instant = new MutableInstant();
		instant.initFromEpochSecond(1764590400L, 123456789);
		return Log4jLogEvent.newBuilder()
			.setLoggerName("com.example.Orders")
			.setLevel(level)
			.setMessage(new ParameterizedMessage("order {} paid", 7))
			.setThrown(thrown)
			.setThreadName("http-nio-8080-exec-1")
			.setInstant(instant)
			.setContextData(new JdkMapAdapterStringMap(contextData, true))
			.setSource(new StackTraceElement("com.example.Orders", "pay", "Orders.java", 42))
			.build();
	}

	private String format(LogEvent event) {
		return new StructuredLogFormatterFactory<>(LogEvent.class, this.environment, null, (common) -> {
		}).get(GcpLog4j2StructuredLogFormatter.class.getName()).format(event);
	}

	private static Map<String, Object> parse(String line) {
		assertThat(line).endsWith("\n");
		return JsonParserFactory.getJsonParser().parseMap(line);
	}

}
