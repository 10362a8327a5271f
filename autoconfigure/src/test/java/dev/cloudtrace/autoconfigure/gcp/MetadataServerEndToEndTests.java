package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cloudtrace.autoconfigure.testsupport.ChildJvm;
import dev.cloudtrace.autoconfigure.testsupport.FakeMetadataServer;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.MetadataRequest;
import dev.cloudtrace.autoconfigure.testsupport.MetadataToken;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.SpanKind;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Google Cloud platform simulated on loopback, end to end: {@link MetadataServerApplication} runs in a JVM of its
 * own ({@link ChildJvm}) with the environment variables the platform sets, no key file (no
 * {@code GOOGLE_APPLICATION_CREDENTIALS}, an empty home without gcloud's file), and {@code GCE_METADATA_HOST}
 * naming a {@link FakeMetadataServer}; its spans go to a {@link FakeTelemetryApi}. The assertions are on what the
 * two fakes received.
 * <p>
 * <b>The production path</b>, unchanged: the starter's platform hint, its credentials loader (Application Default
 * Credentials: google-auth-library probes the metadata server and builds {@code ComputeEngineCredentials}), the
 * project resolver (the project of those credentials, which they read from the metadata server), the access token
 * fetched and refreshed by google-auth-library on the exporter's thread, the Telemetry API exporter with its
 * {@code Authorization} and {@code x-goog-user-project} headers, and the resource built from the detected platform
 * and the project. google-auth-library honours {@code GCE_METADATA_HOST} for all of its metadata requests, so all
 * of this talks to the fake exactly as it would to the real server.
 * <p>
 * <b>Swapped</b>: Google's resource detector ({@code GCPPlatformDetector} of detector-resources-support) reads a URL
 * fixed to {@code http://metadata.google.internal/computeMetadata/v1/}, which a test must never call. So the
 * application defines a {@link GoogleCloudPlatform} bean, the starter's extension point, whose detector is the same
 * {@code GCPResourceProvider.getAttributes()} mapping the starter uses, on a {@code GCPPlatformDetector} built as the
 * detector's own tests build one: with a {@code GCPMetadataConfig} of the fake's URL, through package-private
 * constructors ({@code MetadataServerResourceProvider}). The hint that decides whether to detect is the starter's
 * own. The Telemetry API endpoint is the fake's ({@code cloudtrace.exporter.cloud-trace.endpoint}).
 * <p>
 * Nothing leaves 127.0.0.1: every endpoint is a loopback address, and the child resolves host names only from a
 * hosts file naming {@code localhost}, so a call to {@code metadata.google.internal} would fail, not leave the
 * machine (and the child's output is checked for it).
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class MetadataServerEndToEndTests {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final HexFormat HEX = HexFormat.of();

	private static final SecureRandom random = new SecureRandom();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	FakeMetadataServer metadata;

	FakeTelemetryApi telemetry;

	private ChildJvm application;

	private int port;

	/**
	 * Returns the metadata server of the platform.
	 */
	abstract FakeMetadataServer metadataServer() throws IOException;

	/**
	 * Returns the environment variables the platform sets, besides {@code GCE_METADATA_HOST}.
	 * @param port the port the application is to listen on
	 */
	abstract Map<String, String> platformEnvironment(int port);

	/**
	 * Returns system properties of the application's JVM.
	 */
	Map<String, String> systemProperties() throws IOException {
		return Map.of();
	}

	@BeforeAll
	void startPlatform() throws IOException {
		this.metadata = metadataServer();
		this.telemetry = new FakeTelemetryApi();
		this.port = ChildJvm.freeLoopbackPort();
		Map<String, String> environment = new HashMap<>(platformEnvironment(this.port));
		environment.put("GCE_METADATA_HOST", this.metadata.host());
		// As a user's application.yml would say it; Cloud Run sets PORT, GKE does not.
		List<String> arguments = List.of("--spring.application.name=checkout", "--server.address=127.0.0.1",
				"--server.port=${PORT:" + this.port + "}", "--cloudtrace.sampler.probability=1.0",
				"--cloudtrace.exporter.cloud-trace.endpoint=" + this.telemetry.endpoint(),
				"--cloudtrace.batch.schedule-delay=100ms");
		this.application = ChildJvm.start(MetadataServerApplication.class, environment, systemProperties(), arguments,
				MetadataServerApplication.READY, STARTUP_TIMEOUT);
	}

	@AfterAll
	void stopPlatform() {
		try {
			if (this.application != null) {
				this.application.close();
			}
		}
		finally {
			if (this.telemetry != null) {
				this.telemetry.close();
			}
			if (this.metadata != null) {
				this.metadata.close();
			}
		}
	}

	@Test
	void takesCredentialsAndProjectFromTheMetadataServer() {
		assertThat(this.application.readyLine()).contains("on-google-cloud=true", "project=metadata-project",
				"project-source=credentials");
		List<MetadataRequest> requests = this.metadata.requests();
		assertThat(requests).as("every request carried Metadata-Flavor: Google").allMatch(MetadataRequest::flavored);
		assertThat(requests).extracting(MetadataRequest::path)
			.as("google-auth-library's probe and the project of its credentials")
			.contains("/", "/computeMetadata/v1/project/project-id");
		assertThat(this.application.output()).doesNotContain("metadata.google.internal")
			.doesNotContain("No Google credentials found")
			.doesNotContain("platform detection failed");
	}

	@Test
	void exportsWithATokenFromTheMetadataServerToItsProject() throws Exception {
		ReceivedSpan span = serve(true);
		assertThat(span.requestHeader("authorization")).startsWith("Bearer metadata-token-");
		assertThat(this.metadata.tokens()).extracting((token) -> "Bearer " + token.accessToken())
			.contains(span.requestHeader("authorization"));
		assertThat(this.metadata.tokens()).extracting(MetadataToken::scopes)
			.containsOnly("https://www.googleapis.com/auth/cloud-platform");
		assertThat(span.requestHeader("x-goog-user-project")).isEqualTo(FakeMetadataServer.PROJECT_ID);
		assertThat(span.resourceAttributes()).containsEntry("gcp.project_id", FakeMetadataServer.PROJECT_ID)
			.containsEntry("cloud.account.id", FakeMetadataServer.PROJECT_ID)
			.containsEntry("cloud.provider", "gcp")
			.containsEntry("service.name", "checkout");
	}

	/**
	 * Sends {@code GET /work} with the trace headers a Google front end adds (Cloud Run's, or a load balancer's in
	 * front of GKE), {@code traceparent} and {@code X-Cloud-Trace-Context} of a new trace, and waits for the server
	 * span of that trace to reach the Telemetry API.
	 * @param sampled the sampling decision of the platform, the trace flag of {@code traceparent}
	 * @return the server span, which the assertions check to be joined to the incoming trace and span
	 */
	ReceivedSpan serve(boolean sampled) throws IOException, InterruptedException {
		String traceId = HEX.formatHex(randomBytes(16));
		String spanId = HEX.formatHex(randomBytes(8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/work"))
			.header("traceparent", "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"))
			.header("X-Cloud-Trace-Context",
					traceId + "/" + Long.toUnsignedString(Long.parseUnsignedLong(spanId, 16)) + (sampled ? ";o=1" : ";o=0"))
			.timeout(TIMEOUT)
			.build();
		HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span;
		try {
			span = await().atMost(TIMEOUT)
				.until(() -> this.telemetry.spans()
					.stream()
					.filter((received) -> received.traceId().equals(traceId))
					.findFirst(), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No span of trace " + traceId + " reached the Telemetry API within " + TIMEOUT
					+ "; spans received: " + this.telemetry.spans().size() + "; the application's output:\n"
					+ this.application.output(), ex);
		}
		assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(span.name()).isEqualTo("GET /work");
		assertThat(span.parentSpanId()).isEqualTo(spanId);
		return span;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
