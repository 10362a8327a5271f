package dev.cloudtrace.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample the way the README's two-process mode does, with the {@code backend} and
 * {@code frontend} profiles, and checks that one request is one trace across both services.
 */
class TwoProcessSampleTests {

	@Test
	void oneRequestIsOneTraceAcrossTwoServices() throws Exception {
		try (FakeTelemetryApi receiver = new FakeTelemetryApi();
				ConfigurableApplicationContext backend = start("backend", receiver, "--server.port=0");
				ConfigurableApplicationContext frontend = start("frontend", receiver, "--server.port=0",
						"--sample.first-request=false",
						"--sample.backend-url=http://localhost:" + port(backend))) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(frontend) + "/frontend")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("work done");
			List<ReceivedSpan> spans = receiver.awaitSpans(4, Duration.ofSeconds(30));
			assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
			assertThat(spans).filteredOn((span) -> span.name().equals("GET /frontend"))
				.singleElement()
				.satisfies((span) -> assertThat(span.resourceAttributes()).containsEntry("service.name", "frontend"));
			assertThat(spans).filteredOn((span) -> span.name().equals("do_work"))
				.singleElement()
				.satisfies((span) -> assertThat(span.resourceAttributes()).containsEntry("service.name", "backend"));
			ReceivedSpan client = spans.stream().filter((span) -> span.name().equals("GET")).findFirst().orElseThrow();
			ReceivedSpan server = spans.stream()
				.filter((span) -> span.name().equals("GET /backend"))
				.findFirst()
				.orElseThrow();
			assertThat(server.parentSpanId()).isEqualTo(client.spanId());
		}
	}

	private static ConfigurableApplicationContext start(String profile, FakeTelemetryApi receiver, String... args) {
		String[] all = new String[args.length + 4];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--cloudtrace.exporter.type=otlp";
		all[args.length + 1] = "--cloudtrace.exporter.otlp.endpoint=" + receiver.endpoint();
		all[args.length + 2] = "--cloudtrace.batch.schedule-delay=100ms";
		all[args.length + 3] = "--cloudtrace.resource.detect-gcp=false";
		return new SpringApplicationBuilder(SampleApplication.class).profiles(profile).run(all);
	}

	private static String port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty("local.server.port");
	}

}
