package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.contrib.gcp.resource.MetadataServerResourceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FakeMetadataServerTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private FakeMetadataServer metadata;

	@BeforeEach
	void start() throws IOException {
		this.metadata = new FakeMetadataServer();
	}

	@AfterEach
	void stop() {
		this.metadata.close();
	}

	@Test
	void answersOnlyRequestsWithTheMetadataFlavorAndFlavorsEveryAnswer() throws Exception {
		HttpResponse<String> refused = get("/computeMetadata/v1/project/project-id", false);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Metadata-Flavor")).hasValue("Google");
		HttpResponse<String> answered = get("/computeMetadata/v1/project/project-id", true);
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.headers().firstValue("Metadata-Flavor")).hasValue("Google");
		assertThat(answered.body()).isEqualTo(FakeMetadataServer.PROJECT_ID);
		assertThat(this.metadata.requests()).extracting(MetadataRequest::flavored, MetadataRequest::status)
			.containsExactly(tuple(false, 403), tuple(true, 200));
	}

	@Test
	void answersTheRootProbeOfGoogleAuthLibrary() throws Exception {
		// ComputeEngineCredentials.isOnGce: GET http://$GCE_METADATA_HOST with the flavor, answered with it.
		HttpResponse<String> probe = get("/", true);
		assertThat(probe.statusCode()).isEqualTo(200);
		assertThat(probe.headers().firstValue("Metadata-Flavor")).hasValue("Google");
	}

	@Test
	void servesTheProjectServiceAccountAndInstance() throws Exception {
		assertThat(get("/computeMetadata/v1/project/numeric-project-id", true).body())
			.isEqualTo(FakeMetadataServer.PROJECT_NUMBER);
		assertThat(get("/computeMetadata/v1/instance/service-accounts/default/email", true).body())
			.isEqualTo(FakeMetadataServer.SERVICE_ACCOUNT);
		assertThat(get("/computeMetadata/v1/instance/id", true).body()).isEqualTo(FakeMetadataServer.INSTANCE_ID);
		assertThat(get("/computeMetadata/v1/instance/region", true).body())
			.isEqualTo("projects/123456789012/regions/europe-west1");
		assertThat(get("/computeMetadata/v1/instance/zone", true).body())
			.isEqualTo("projects/123456789012/zones/europe-west1-1");
		assertThat(get("/computeMetadata/v1/instance/attributes/cluster-name", true).statusCode()).isEqualTo(404);
		this.metadata.zone("europe-west1-b").cluster("orders", "europe-west1");
		assertThat(get("/computeMetadata/v1/instance/zone", true).body())
			.isEqualTo("projects/123456789012/zones/europe-west1-b");
		assertThat(get("/computeMetadata/v1/instance/attributes/cluster-name", true).body()).isEqualTo("orders");
		assertThat(get("/computeMetadata/v1/instance/attributes/cluster-location", true).body())
			.isEqualTo("europe-west1");
	}

	@Test
	void handsOutANewTokenOnEveryRequestWithTheConfiguredLifetime() throws Exception {
		this.metadata.tokenExpiresIn(Duration.ofSeconds(200));
		String path = FakeMetadataServer.TOKEN_PATH + "?scopes=https://www.googleapis.com/auth/cloud-platform";
		JsonObject first = JsonParser.parseString(get(path, true).body()).getAsJsonObject();
		JsonObject second = JsonParser.parseString(get(path, true).body()).getAsJsonObject();
		assertThat(first.get("access_token").getAsString()).isEqualTo("metadata-token-1");
		assertThat(second.get("access_token").getAsString()).isEqualTo("metadata-token-2");
		assertThat(first.get("expires_in").getAsLong()).isEqualTo(200);
		assertThat(first.get("token_type").getAsString()).isEqualTo("Bearer");
		assertThat(this.metadata.awaitTokens(2, Duration.ofSeconds(1))).allSatisfy((token) -> {
			assertThat(token.scopes()).isEqualTo("https://www.googleapis.com/auth/cloud-platform");
			assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofSeconds(200));
		});
	}

	@Test
	void servesACloudRunInstanceToGooglesResourceDetector() {
		Map<String, String> environment = Map.of("K_SERVICE", "checkout", "K_REVISION", "checkout-00042-xyz",
				"K_CONFIGURATION", "checkout");
		Attributes attributes = detect(environment);
		assertThat(attributes.get(AttributeKey.stringKey("cloud.platform"))).isEqualTo("gcp_cloud_run");
		assertThat(attributes.get(AttributeKey.stringKey("cloud.account.id"))).isEqualTo(FakeMetadataServer.PROJECT_ID);
		assertThat(attributes.get(AttributeKey.stringKey("cloud.region"))).isEqualTo(FakeMetadataServer.REGION);
		assertThat(attributes.get(AttributeKey.stringKey("faas.name"))).isEqualTo("checkout");
		assertThat(attributes.get(AttributeKey.stringKey("faas.version"))).isEqualTo("checkout-00042-xyz");
		assertThat(attributes.get(AttributeKey.stringKey("faas.instance"))).isEqualTo(FakeMetadataServer.INSTANCE_ID);
		assertThat(this.metadata.requests()).allMatch(MetadataRequest::flavored);
	}

	@Test
	void servesAGkeNodeToGooglesResourceDetector() {
		this.metadata.zone("europe-west1-b").cluster("orders-cluster", "europe-west1");
		Attributes attributes = detect(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1"));
		assertThat(attributes.get(AttributeKey.stringKey("cloud.platform"))).isEqualTo("gcp_kubernetes_engine");
		assertThat(attributes.get(AttributeKey.stringKey("cloud.account.id"))).isEqualTo(FakeMetadataServer.PROJECT_ID);
		assertThat(attributes.get(AttributeKey.stringKey("k8s.cluster.name"))).isEqualTo("orders-cluster");
		assertThat(attributes.get(AttributeKey.stringKey("cloud.region"))).isEqualTo("europe-west1");
		assertThat(attributes.get(AttributeKey.stringKey("host.id"))).isEqualTo(FakeMetadataServer.INSTANCE_ID);
	}

	private Attributes detect(Map<String, String> environment) {
		return MetadataServerResourceProvider
			.detector(this.metadata.endpoint() + FakeMetadataServer.PATH, environment::get)
			.get();
	}

	private HttpResponse<String> get(String path, boolean flavored) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.metadata.endpoint() + path))
			.timeout(Duration.ofSeconds(10));
		if (flavored) {
			request.header("Metadata-Flavor", "Google");
		}
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

}
