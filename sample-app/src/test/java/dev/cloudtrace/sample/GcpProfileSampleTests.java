package dev.cloudtrace.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.testsupport.FakeOAuthTokenServer;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample with the README's {@code gcp} profile and a project from
 * {@code GOOGLE_CLOUD_PROJECT}; only the Telemetry API endpoint and the key are pointed at
 * in-process fakes, so the test stays on loopback.
 */
class GcpProfileSampleTests {

	@TempDir
	Path keys;

	@Test
	void gcpProfileSendsTheFirstTraceToCloudTraceWithTheProject() throws Exception {
		try (FakeOAuthTokenServer tokens = new FakeOAuthTokenServer();
				FakeTelemetryApi telemetry = new FakeTelemetryApi();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
					.profiles("gcp")
					.run("--server.port=0", "--GOOGLE_CLOUD_PROJECT=sample-project",
							"--cloudtrace.exporter.cloud-trace.endpoint=" + telemetry.endpoint(),
							"--cloudtrace.credentials.location=file:" + tokens.writeKeyFile(this.keys),
							"--cloudtrace.resource.detect-gcp=false")) {
			List<ReceivedSpan> spans = telemetry.awaitSpans(4, Duration.ofSeconds(30));
			assertThat(spans).extracting(ReceivedSpan::name)
				.contains("GET /frontend", "GET", "GET /backend", "do_work");
			assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
			ReceivedSpan span = spans.get(0);
			assertThat(span.resourceAttributes()).containsEntry("gcp.project_id", "sample-project");
			assertThat(span.requestHeader("x-goog-user-project")).isEqualTo("sample-project");
			assertThat(span.requestHeader("authorization")).isEqualTo("Bearer fake-token-1");
		}
	}

}
