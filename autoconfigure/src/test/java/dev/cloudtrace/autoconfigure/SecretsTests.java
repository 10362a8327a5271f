package dev.cloudtrace.autoconfigure;

import dev.cloudtrace.autoconfigure.testsupport.ServiceAccountKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Secrets}.
 */
class SecretsTests {

	@Test
	void removesPrivateKeyBlocks() {
		String pem = ServiceAccountKeys.generate().privateKeyPem().strip();
		String redacted = Secrets.redact("Could not parse key " + pem + " in file key.json");
		assertThat(redacted).isEqualTo("Could not parse key [redacted] in file key.json");
	}

	@Test
	void removesTruncatedPrivateKeyBlock() {
		String pem = ServiceAccountKeys.generate().privateKeyPem();
		String truncated = pem.substring(0, 200);
		assertThat(Secrets.redact("Bad key: " + truncated)).isEqualTo("Bad key: [redacted]");
	}

	@Test
	void removesPrivateKeyFieldOfJsonKey() {
		String json = ServiceAccountKeys.generate().toJson("http://127.0.0.1:1/token");
		String line = json.lines().filter((l) -> l.contains("\"private_key\"")).findFirst().orElseThrow();
		assertThat(Secrets.redact("Unexpected " + line.replace("-----BEGIN", "BEGIN")))
			.isEqualTo("Unexpected " + line.substring(0, line.indexOf(':') + 2) + "[redacted],");
	}

	@Test
	void removesAuthorizationValuesAndGoogleAccessTokens() {
		assertThat(Secrets.redact("401 for Authorization: Bearer fake-token-1, retrying"))
			.isEqualTo("401 for Authorization: [redacted], retrying");
		assertThat(Secrets.redact("token ya29.a0AfB_byC-1x was revoked")).isEqualTo("token [redacted] was revoked");
		assertThat(Secrets.redact("Basic dXNlcjpwYXNz")).isEqualTo("[redacted]");
	}

	@Test
	void leavesOrdinaryMessagesAlone() {
		assertThat(Secrets.redact("the endpoint answered HTTP 503 (Injected)")).isEqualTo(
				"the endpoint answered HTTP 503 (Injected)");
		assertThat(Secrets.redact(null)).isNull();
	}

}
