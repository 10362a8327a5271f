package dev.cloudtrace.autoconfigure.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.trace.SpanKind;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LoggingApplication} on Tomcat, exporting its spans over OTLP to a fake Telemetry API
 * within 50 ms of their end.
 */
public final class ExportingLoggingApplication implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final FakeTelemetryApi telemetryApi;

	private final ConfigurableApplicationContext context;

	private ExportingLoggingApplication(FakeTelemetryApi telemetryApi, String name, String... properties) {
		this.telemetryApi = telemetryApi;
		List<String> all = new ArrayList<>(List.of("cloudtrace.exporter.type=cloud-trace",
				"cloudtrace.exporter.cloud-trace.endpoint=" + telemetryApi.endpoint(),
				"cloudtrace.batch.schedule-delay=50ms"));
		all.addAll(List.of(properties));
		this.context = TestApplications.start(name, LoggingApplication.class, all.toArray(String[]::new));
	}

	/**
	 * Starts the fake and the application.
	 * @param name the application's name
	 * @param properties further properties
	 * @return the running application
	 */
	public static ExportingLoggingApplication start(String name, String... properties) {
		try {
			return new ExportingLoggingApplication(new FakeTelemetryApi(), name, properties);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends a GET request to the application.
	 * @param path the path
	 * @param headers the request headers
	 * @return the response
	 * @throws Exception if the request fails
	 */
	public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
		return LoggingApplication.get(this.context, path, headers);
	}

	/**
	 * Waits until a number of spans reached the fake.
	 * @param count how many
	 * @return all that arrived
	 */
	public List<ReceivedSpan> awaitSpans(int count) {
		return this.telemetryApi.awaitSpans(count, TIMEOUT);
	}

	/**
	 * Forgets the spans received so far.
	 */
	public void clearSpans() {
		this.telemetryApi.clear();
	}

	/**
	 * Returns the one span of a kind and name.
	 * @param spans the spans
	 * @param kind the kind
	 * @param name the name
	 * @return the span
	 */
	public static ReceivedSpan only(List<ReceivedSpan> spans, SpanKind kind, String name) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> span.kind() == kind && span.name().equals(name))
			.toList();
		assertThat(matching).as("%s spans named %s in %s", kind, name, spans).hasSize(1);
		return matching.get(0);
	}

	@Override
	public void close() {
		this.context.close();
		this.telemetryApi.close();
	}

}
