package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.google.gson.GsonBuilder;

/**
 * A generated RSA key pair posing as a Google service account, written out as a service-account JSON key file.
 */
public final class ServiceAccountKeys {

	/** The project id {@link #generate()} uses. */
	public static final String DEFAULT_PROJECT_ID = "fake-project";

	private final String projectId;

	private final String clientEmail;

	private final String clientId;

	private final String privateKeyId;

	private final KeyPair keyPair;

	private ServiceAccountKeys(String projectId, KeyPair keyPair) {
		this.projectId = projectId;
		this.clientEmail = "fake-exporter@" + projectId + ".iam.gserviceaccount.com";
		this.clientId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L, Long.MAX_VALUE));
		byte[] keyId = new byte[20];
		ThreadLocalRandom.current().nextBytes(keyId);
		this.privateKeyId = HexFormat.of().formatHex(keyId);
		this.keyPair = keyPair;
	}

	/**
	 * Generates keys for a service account of project {@value #DEFAULT_PROJECT_ID}.
	 */
	public static ServiceAccountKeys generate() {
		return generate(DEFAULT_PROJECT_ID);
	}

	/**
	 * Generates an RSA 2048 key pair for a service account of {@code projectId}.
	 */
	public static ServiceAccountKeys generate(String projectId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return new ServiceAccountKeys(projectId, generator.generateKeyPair());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String projectId() {
		return this.projectId;
	}

	/**
	 * Returns the service account's email, {@code fake-exporter@PROJECT.iam.gserviceaccount.com}.
	 */
	public String clientEmail() {
		return this.clientEmail;
	}

	public String clientId() {
		return this.clientId;
	}

	/**
	 * Returns the key id, which clients send as the {@code kid} of their JWT header.
	 */
	public String privateKeyId() {
		return this.privateKeyId;
	}

	public PublicKey publicKey() {
		return this.keyPair.getPublic();
	}

	public PrivateKey privateKey() {
		return this.keyPair.getPrivate();
	}

	/**
	 * Returns the private key as PKCS#8 PEM, the form Google's key files use.
	 */
	public String privateKeyPem() {
		String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(privateKey().getEncoded());
		return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
	}

	/**
	 * Returns the service-account JSON key, laid out like one downloaded from Google, pointing at {@code tokenUri}.
	 */
	public String toJson(String tokenUri) {
		Map<String, String> json = new LinkedHashMap<>();
		json.put("type", "service_account");
		json.put("project_id", this.projectId);
		json.put("private_key_id", this.privateKeyId);
		json.put("private_key", privateKeyPem());
		json.put("client_email", this.clientEmail);
		json.put("client_id", this.clientId);
		json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
		json.put("token_uri", tokenUri);
		json.put("universe_domain", "googleapis.com");
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
	}

	/**
	 * Writes the JSON key pointing at {@code tokenUri} to {@code PROJECT-KEYID.json} in {@code directory}.
	 * @return the written file
	 * @throws IOException if the file cannot be written
	 */
	public Path writeKeyFile(Path directory, String tokenUri) throws IOException {
		Path file = directory.resolve(this.projectId + "-" + this.privateKeyId + ".json");
		return Files.writeString(file, toJson(tokenUri));
	}

	/**
	 * Writes the JSON key pointing at {@code tokenServer}'s token endpoint to a file in {@code directory}.
	 * @return the written file
	 * @throws IOException if the file cannot be written
	 */
	public Path writeKeyFile(Path directory, FakeOAuthTokenServer tokenServer) throws IOException {
		return writeKeyFile(directory, tokenServer.tokenUri());
	}

}
