package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class FakeOAuthTokenServerTests {

	private static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

	@TempDir
	Path directory;

	private FakeOAuthTokenServer oauth;

	@BeforeEach
	void start() throws IOException {
		this.oauth = new FakeOAuthTokenServer();
	}

	@AfterEach
	void stop() {
		this.oauth.close();
	}

	@Test
	void grantsNumberedTokensToGoogleCredentialsLoadedFromKeyFile() throws IOException {
		GoogleCredentials credentials = load(this.oauth.writeKeyFile(this.directory));
		assertThat(credentials.refreshAccessToken().getTokenValue()).isEqualTo("fake-token-1");
		assertThat(credentials.refreshAccessToken().getTokenValue()).isEqualTo("fake-token-2");
		assertThat(this.oauth.requestCount()).isEqualTo(2);
		ServiceAccountKeys keys = this.oauth.keys();
		assertThat(this.oauth.grants()).hasSize(2).first().satisfies((grant) -> {
			assertThat(grant.accessToken()).isEqualTo("fake-token-1");
			assertThat(grant.keyId()).isEqualTo(keys.privateKeyId());
			assertThat(grant.issuer()).isEqualTo(keys.clientEmail());
			assertThat(grant.scope()).isEqualTo(CLOUD_PLATFORM);
			assertThat(grant.audience()).isNotBlank();
			assertThat(grant.expiresAt()).isAfter(grant.issuedAt());
		});
	}

	@Test
	void announcesConfiguredLifetime() throws IOException {
		this.oauth.expiresIn(Duration.ofSeconds(120));
		AccessToken token = load(this.oauth.writeKeyFile(this.directory)).refreshAccessToken();
		assertThat(token.getExpirationTime().toInstant()).isBetween(Instant.now().plusSeconds(100),
				Instant.now().plusSeconds(121));
	}

	@Test
	void rejectsAssertionSignedByAnotherKey() throws IOException {
		Path foreignKey = ServiceAccountKeys.generate().writeKeyFile(this.directory, this.oauth);
		assertThatIOException().isThrownBy(() -> load(foreignKey).refreshAccessToken())
			.withMessageContaining("invalid_grant");
		assertThat(this.oauth.requestCount()).isEqualTo(1);
		assertThat(this.oauth.grants()).isEmpty();
	}

	@Test
	void answersInjectedFailureUntilReset() throws IOException {
		GoogleCredentials credentials = load(this.oauth.writeKeyFile(this.directory));
		this.oauth.fail(403);
		assertThatIOException().isThrownBy(credentials::refreshAccessToken).withMessageContaining("403");
		this.oauth.reset();
		assertThat(credentials.refreshAccessToken().getTokenValue()).isEqualTo("fake-token-1");
	}

	@Test
	void writesKeyFileLikeGoogleDownloads() throws IOException {
		ServiceAccountKeys keys = ServiceAccountKeys.generate("other-project");
		Path file = keys.writeKeyFile(this.directory, "http://127.0.0.1:1/token");
		JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
		assertThat(json.get("type").getAsString()).isEqualTo("service_account");
		assertThat(json.get("project_id").getAsString()).isEqualTo("other-project");
		assertThat(json.get("client_email").getAsString()).isEqualTo("fake-exporter@other-project.iam.gserviceaccount.com");
		assertThat(json.get("private_key_id").getAsString()).hasSize(40);
		assertThat(json.get("private_key").getAsString()).startsWith("-----BEGIN PRIVATE KEY-----\n")
			.endsWith("-----END PRIVATE KEY-----\n");
		assertThat(json.get("token_uri").getAsString()).isEqualTo("http://127.0.0.1:1/token");
	}

	private static GoogleCredentials load(Path keyFile) throws IOException {
		try (InputStream in = Files.newInputStream(keyFile)) {
			return GoogleCredentials.fromStream(in).createScoped(CLOUD_PLATFORM);
		}
	}

}
