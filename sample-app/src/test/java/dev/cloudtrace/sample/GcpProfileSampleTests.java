package dev.cloudtrace.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.testsupport.FakeOAuthTokenServer;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs the sample with the README's {@code gcp} profile as it is; only the Telemetry API endpoint and the key are
 * pointed at in-process fakes, so the test stays on loopback. (On Cloud Run and GKE the credentials and the project
 * come from the metadata server instead of a key: {@code CloudRunEndToEndTests} and {@code GkeEndToEndTests} of the
 * auto-configuration module show that path.)
 */
@ExtendWith(OutputCaptureExtension.class)
class GcpProfileSampleTests {

	@TempDir
	Path keys;

	@Test
	void gcpProfileSendsTheFirstTraceToCloudTraceWithTheProject(CapturedOutput output) throws Exception {
		try (FakeOAuthTokenServer tokens = new FakeOAuthTokenServer();
				FakeTelemetryApi telemetry = new FakeTelemetryApi();
				ConfigurableApplicationContext context = runGcpProfile(telemetry, tokens, "--server.port=0",
						"--GOOGLE_CLOUD_PROJECT=sample-project")) {
			ReceivedSpan span = awaitFirstTrace(context, telemetry, output);
			assertThat(span.resourceAttributes()).containsEntry("gcp.project_id", "sample-project");
			assertThat(span.requestHeader("x-goog-user-project")).isEqualTo("sample-project");
		}
	}

	@Test
	void gcpProfileNeedsNoProjectAndListensOnThePortCloudRunGives(CapturedOutput output) throws Exception {
		assumeThat(System.getenv("GOOGLE_CLOUD_PROJECT")).as("a project in this machine's environment").isNull();
		try (FakeOAuthTokenServer tokens = new FakeOAuthTokenServer();
				FakeTelemetryApi telemetry = new FakeTelemetryApi();
				ConfigurableApplicationContext context = runGcpProfile(telemetry, tokens, "--PORT=0")) {
			assertThat(context.getEnvironment().getProperty("local.server.port")).isNotEqualTo("8080");
			ReceivedSpan span = awaitFirstTrace(context, telemetry, output);
			String project = tokens.keys().projectId();
			assertThat(span.resourceAttributes()).containsEntry("gcp.project_id", project);
			assertThat(span.requestHeader("x-goog-user-project")).isEqualTo(project);
		}
	}

	private ConfigurableApplicationContext runGcpProfile(FakeTelemetryApi telemetry, FakeOAuthTokenServer tokens,
			String... arguments) throws Exception {
		String[] all = new String[arguments.length + 3];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		all[arguments.length] = "--cloudtrace.exporter.cloud-trace.endpoint=" + telemetry.endpoint();
		all[arguments.length + 1] = "--cloudtrace.credentials.location=file:" + tokens.writeKeyFile(this.keys);
		all[arguments.length + 2] = "--cloudtrace.resource.detect-gcp=false";
		return new SpringApplicationBuilder(SampleApplication.class).profiles("gcp").run(all);
	}

	/**
	 * Waits for the startup request's trace to reach the Telemetry API with a token, and checks that no console
	 * tree is printed.
	 * @return one of its spans
	 */
	private static ReceivedSpan awaitFirstTrace(ConfigurableApplicationContext context, FakeTelemetryApi telemetry,
			CapturedOutput output) {
		List<ReceivedSpan> spans = telemetry.awaitSpans(4, Duration.ofSeconds(30));
		assertThat(spans).extracting(ReceivedSpan::name).contains("GET /frontend", "GET", "GET /backend", "do_work");
		assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
		ReceivedSpan span = spans.get(0);
		assertThat(span.requestHeader("authorization")).isEqualTo("Bearer fake-token-1");
		assertThat(context.containsBean("loggingSpanExporter"))
			.as("a console exporter, whose trees Cloud Logging would store")
			.isFalse();
		assertThat(output).doesNotContain("Trace " + span.traceId());
		return span;
	}

}
