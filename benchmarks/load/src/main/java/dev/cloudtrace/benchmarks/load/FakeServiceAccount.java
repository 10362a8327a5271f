package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes a service-account JSON key of a generated RSA key whose {@code token_uri} is the
 * {@link FakeOtlpReceiver}: with it as {@code cloudtrace.credentials.location}, this
 * starter's default {@code cloud-trace} exporter loads credentials, gets an access token
 * and sends {@code Authorization: Bearer} as it would to Google, all on loopback.
 */
final class FakeServiceAccount {

	static final String PROJECT_ID = "benchmark-project";

	private FakeServiceAccount() {
	}

	/**
	 * Writes the key file.
	 * @param dir the directory to write it to
	 * @param tokenUri the token endpoint
	 * @return the file
	 */
	static Path write(Path dir, String tokenUri) throws IOException {
		byte[] privateKey;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			privateKey = generator.generateKeyPair().getPrivate().getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		// As a JSON string: the line breaks of the PEM escaped.
		String pem = "-----BEGIN PRIVATE KEY-----\\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(privateKey)
					.replace("\n", "\\n")
				+ "\\n-----END PRIVATE KEY-----\\n";
		String json = """
				{
				  "type": "service_account",
				  "project_id": "%1$s",
				  "private_key_id": "0123456789abcdef0123456789abcdef01234567",
				  "private_key": "%2$s",
				  "client_email": "benchmark@%1$s.iam.gserviceaccount.com",
				  "client_id": "100000000000000000001",
				  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
				  "token_uri": "%3$s",
				  "universe_domain": "googleapis.com"
				}
				""".formatted(PROJECT_ID, pem, tokenUri);
		return Files.writeString(dir.resolve("fake-service-account.json"), json);
	}

}
