package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.FakeMetadataServer;
import dev.cloudtrace.autoconfigure.testsupport.MetadataToken;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cloud Run simulated on loopback (issue 12): the environment of a Cloud Run service ({@code K_SERVICE},
 * {@code K_REVISION}, {@code K_CONFIGURATION}, {@code PORT}) and its metadata server. The platform hint is the
 * starter's own, from {@code K_SERVICE}; what is real and what is swapped is said in
 * {@link MetadataServerEndToEndTests}.
 */
class CloudRunEndToEndTests extends MetadataServerEndToEndTests {

	/**
	 * Short enough that every export after the first finds its token within google-auth-library's refresh margin
	 * (3 min 45 s before expiry), long enough that no token is within its expiration margin (3 min) when handed out.
	 */
	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(200);

	private static final String REVISION = "checkout-00042-xoz";

	@Override
	FakeMetadataServer metadataServer() throws IOException {
		FakeMetadataServer metadata = new FakeMetadataServer();
		metadata.tokenExpiresIn(TOKEN_LIFETIME);
		return metadata;
	}

	@Override
	Map<String, String> platformEnvironment(int port) {
		return Map.of("K_SERVICE", "checkout", "K_REVISION", REVISION, "K_CONFIGURATION", "checkout", "PORT",
				Integer.toString(port));
	}

	@Test
	void exportsTheCloudRunResource() throws Exception {
		ReceivedSpan span = serve(true);
		assertThat(span.resourceAttributes()).containsEntry("cloud.platform", "gcp_cloud_run")
			.containsEntry("cloud.region", FakeMetadataServer.REGION)
			.containsEntry("cloud.availability_zone", FakeMetadataServer.CLOUD_RUN_ZONE)
			.containsEntry("faas.name", "checkout")
			.containsEntry("faas.version", REVISION)
			.containsEntry("faas.instance", FakeMetadataServer.INSTANCE_ID);
	}

	@Test
	void refreshesTheTokenBeforeItExpires() throws Exception {
		MetadataToken first = tokenOf(serve(true));
		MetadataToken second = tokenOf(serve(true));
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(second.issuedAt()).as("the next token was fetched before the one in use expired")
			.isAfter(first.issuedAt())
			.isBefore(first.expiresAt());
	}

	/**
	 * Cloud Run samples few requests itself and sends the others with a {@code traceparent} whose flag is
	 * {@code 00}; such a request must still be traced at the configured probability (1.0 here), joined to the
	 * platform's trace. That is the default that {@code cloudtrace.sampler.remote-parent-not-sampled} brings on Cloud
	 * Run; the test deliberately does not set it.
	 */
	@Test
	void tracesRequestsThePlatformDidNotSampleAtTheConfiguredProbability() throws Exception {
		serve(false);
	}

	private MetadataToken tokenOf(ReceivedSpan span) {
		String authorization = span.requestHeader("authorization");
		return this.metadata.tokens()
			.stream()
			.filter((token) -> authorization.equals("Bearer " + token.accessToken()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(authorization + " is none of the metadata server's tokens "
					+ this.metadata.tokens()));
	}

}
