package dev.cloudtrace.autoconfigure.export;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import dev.cloudtrace.autoconfigure.gcp.GoogleCredentialsLoader;
import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.FakeOAuthTokenServer;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the application sees when its Google credentials fail: a broken key file, a token
 * endpoint that answers errors. The failure is reported once with the reason, retried
 * without a restart, never slows a request, and no token or key shows up anywhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialFailureEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private FakeOAuthTokenServer tokens;

	private FakeTelemetryApi api;

	@BeforeEach
	void startFakes() throws IOException {
		this.tokens = new FakeOAuthTokenServer();
		this.api = new FakeTelemetryApi();
	}

	@AfterEach
	void stopFakes() {
		this.api.close();
		this.tokens.close();
	}

	@Test
	void brokenKeyFileIsReportedOnceAndPickedUpWhenFixed(CapturedOutput output) throws IOException {
		Path keyFile = this.directory.resolve("key.json");
		String key = this.tokens.keys().toJson(this.tokens.tokenUri());
		Files.writeString(keyFile, withTruncatedPrivateKey(key));
		// The auto-configured credentials retry after 30 s; the same class with a short
		// pause keeps this test quick.
		CachingGoogleCredentials credentials = new CachingGoogleCredentials(
				new GoogleCredentialsLoader(new FileSystemResource(keyFile), Map.<String, String>of()::get, false),
				Duration.ofMillis(200));
		List<ReceivedSpan> received = new ArrayList<>();
		new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
			.withBean(CachingGoogleCredentials.class, () -> credentials)
			.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.resource.detect-gcp=false",
					"cloudtrace.exporter.cloud-trace.endpoint=" + this.api.endpoint(),
					"cloudtrace.batch.schedule-delay=20ms")
			.run((context) -> {
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				// Three failed exports 200 ms apart: the key was read again each time.
				await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
					makeSpan(context);
					return statistics.failedExports() >= 3;
				});
				assertThat(this.tokens.requestCount()).isZero();
				Files.writeString(keyFile, key);
				await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
					makeSpan(context);
					return !this.api.spans().isEmpty();
				});
				received.addAll(this.api.spans());
				assertThat(received.get(0).requestHeader("authorization")).startsWith("Bearer fake-token-");
			});
		assertThat(warnings(output)).singleElement()
			.asString()
			.contains("Exporting spans with cloudTraceSpanExporter failed: Google credentials for Cloud Trace are not "
					+ "available (retried every 200ms): Could not read credentials from cloudtrace.credentials.location "
					+ "'file [" + keyFile + "]'");
		assertThat(output).containsOnlyOnce("Exporting spans with cloudTraceSpanExporter works again");
		assertNoSecrets(output, received);
	}

	@Test
	void failingTokenEndpointDoesNotSlowRequestsAndExportResumesWhenItRecovers(CapturedOutput output)
			throws Exception {
		this.tokens.fail(500);
		Path keyFile = this.tokens.writeKeyFile(this.directory);
		List<ReceivedSpan> received = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkApplication.class)
			.properties("spring.application.name=checkout", "server.port=0", "server.address=127.0.0.1",
					"cloudtrace.project-id=orders-prod", "cloudtrace.resource.detect-gcp=false",
					"cloudtrace.credentials.location=file:" + keyFile,
					"cloudtrace.exporter.cloud-trace.endpoint=" + this.api.endpoint(),
					"cloudtrace.batch.schedule-delay=50ms")
			.run()) {
			HttpClient client = HttpClient.newHttpClient();
			URI work = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
					+ "/work");
			assertThat(get(client, work).statusCode()).isEqualTo(200);
			// The exporter's thread is now retrying the token request (google-auth-library backs off for seconds).
			await().atMost(TIMEOUT).until(() -> this.tokens.requestCount() >= 1);
			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				assertThat(get(client, work).statusCode()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			}
			this.tokens.reset();
			// The first request's span may have gone with an export that ran out of retries.
			received.addAll(this.api.awaitSpans(20, TIMEOUT));
			assertThat(received).extracting(ReceivedSpan::name).containsOnly("GET /work");
			assertThat(received.get(0).requestHeader("authorization")).startsWith("Bearer fake-token-");
		}
		assertThat(warnings(output)).hasSizeLessThanOrEqualTo(1);
		assertNoSecrets(output, received);
	}

	private void assertNoSecrets(CapturedOutput output, List<ReceivedSpan> spans) {
		String keyMaterial = this.tokens.keys().privateKeyPem().lines().skip(3).findFirst().orElseThrow();
		List<String> secrets = List.of("fake-token-", "-----BEGIN PRIVATE KEY", keyMaterial, "Bearer ");
		assertThat(spans).isNotEmpty();
		for (String secret : secrets) {
			assertThat(output).doesNotContain(secret);
			for (ReceivedSpan span : spans) {
				assertThat(span.attributes().values()).allSatisfy(
						(value) -> assertThat(String.valueOf(value)).doesNotContain(secret));
				assertThat(span.resourceAttributes().values()).allSatisfy(
						(value) -> assertThat(String.valueOf(value)).doesNotContain(secret));
			}
		}
	}

	// A key whose private key lost its last lines, as when a secret is cut off while mounted.
	private static String withTruncatedPrivateKey(String key) {
		int end = key.indexOf("\\n-----END PRIVATE KEY");
		return key.substring(0, end - 200) + key.substring(end);
	}

	private static void makeSpan(ApplicationContext context) {
		context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
	}

	private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
	}

}
