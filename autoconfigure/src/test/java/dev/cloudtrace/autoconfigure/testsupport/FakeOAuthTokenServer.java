package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of Google's OAuth2 token endpoint for service accounts: answers JWT-bearer grants posted to {@code /token} on
 * 127.0.0.1 whose assertion is signed by its {@link ServiceAccountKeys}, handing out {@code fake-token-1},
 * {@code fake-token-2}, and so on.
 */
public final class FakeOAuthTokenServer implements AutoCloseable {

	/** The path of the token endpoint. */
	public static final String TOKEN_PATH = "/token";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private static final Gson GSON = new Gson();

	private final ServiceAccountKeys keys;

	private final AtomicInteger requestCount = new AtomicInteger();

	private final AtomicInteger issued = new AtomicInteger();

	private final Arrivals<TokenGrant> grants = new Arrivals<>("token grants");

	private final LoopbackHttpServer server;

	private volatile Duration expiresIn = Duration.ofHours(1);

	private volatile int failureStatus;

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1, trusting freshly generated keys.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeOAuthTokenServer() throws IOException {
		this(ServiceAccountKeys.generate());
	}

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1, trusting assertions signed with {@code keys}.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeOAuthTokenServer(ServiceAccountKeys keys) throws IOException {
		this.keys = keys;
		this.server = new LoopbackHttpServer("fake-oauth-token-server", this::handle);
	}

	/**
	 * Returns the keys whose signatures the fake accepts.
	 */
	public ServiceAccountKeys keys() {
		return this.keys;
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}.
	 */
	public String endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Returns the token endpoint, {@code http://127.0.0.1:PORT/token}, as a key file's {@code token_uri}.
	 */
	public String tokenUri() {
		return endpoint() + TOKEN_PATH;
	}

	/**
	 * Writes a service-account JSON key file for {@link #keys()} pointing at this fake into {@code directory}.
	 * @return the written file
	 * @throws IOException if the file cannot be written
	 */
	public Path writeKeyFile(Path directory) throws IOException {
		return this.keys.writeKeyFile(directory, tokenUri());
	}

	/**
	 * Sets the lifetime announced for tokens granted from now on, one hour by default.
	 */
	public void expiresIn(Duration expiresIn) {
		this.expiresIn = expiresIn;
	}

	/**
	 * Answers every request with {@code status} and a JSON error until {@link #reset()}.
	 */
	public void fail(int status) {
		this.failureStatus = status;
	}

	/**
	 * Grants tokens again after {@link #fail(int)}.
	 */
	public void reset() {
		this.failureStatus = 0;
	}

	/**
	 * Returns how many requests arrived, including rejected and failed ones.
	 */
	public int requestCount() {
		return this.requestCount.get();
	}

	/**
	 * Returns the grants answered with a token, in order.
	 */
	public List<TokenGrant> grants() {
		return this.grants.snapshot();
	}

	/**
	 * Waits until at least {@code count} tokens have been granted and returns all grants so far.
	 * @throws AssertionError listing what was granted when {@code timeout} elapses first
	 */
	public List<TokenGrant> awaitGrants(int count, Duration timeout) {
		return this.grants.await(count, timeout, () -> "; requests received: " + requestCount());
	}

	@Override
	public void close() {
		this.server.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requestCount.incrementAndGet();
			if (!TOKEN_PATH.equals(exchange.getRequestURI().getPath()) || !"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 404, error("not_found", exchange.getRequestMethod() + " " + exchange.getRequestURI()));
				return;
			}
			int failure = this.failureStatus;
			if (failure != 0) {
				respond(exchange, failure, error("fake_failure", "Injected by " + getClass().getSimpleName()));
				return;
			}
			Map<String, String> form = parseForm(body);
			if (!JWT_BEARER.equals(form.get("grant_type"))) {
				respond(exchange, 400, error("unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type")));
				return;
			}
			TokenGrant grant;
			try {
				grant = verify(form.get("assertion"));
			}
			catch (IllegalArgumentException | ClassCastException | GeneralSecurityException | JsonParseException ex) {
				respond(exchange, 400, error("invalid_grant", ex.getMessage()));
				return;
			}
			this.grants.addAll(List.of(grant));
			respond(exchange, 200, GSON.toJson(Map.of("access_token", grant.accessToken(), "expires_in",
					this.expiresIn.toSeconds(), "token_type", "Bearer")));
		}
	}

	private TokenGrant verify(String assertion) throws GeneralSecurityException {
		if (assertion == null) {
			throw new IllegalArgumentException("Missing assertion");
		}
		String[] parts = assertion.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("Assertion is not a signed JWT");
		}
		Map<String, Object> header = json(parts[0]);
		if (!"RS256".equals(header.get("alg"))) {
			throw new IllegalArgumentException("Unsupported JWT alg " + header.get("alg"));
		}
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initVerify(this.keys.publicKey());
		signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
			throw new IllegalArgumentException("Invalid JWT Signature.");
		}
		Map<String, Object> claims = json(parts[1]);
		return new TokenGrant("fake-token-" + this.issued.incrementAndGet(), (String) header.get("kid"),
				(String) claims.get("iss"), (String) claims.get("aud"), (String) claims.get("scope"),
				(String) claims.get("sub"), instant(claims.get("iat")), instant(claims.get("exp")), claims);
	}

	private static Map<String, Object> json(String base64Url) {
		String json = new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
		Map<String, Object> map = GSON.fromJson(json, new TypeToken<Map<String, Object>>() {
		}.getType());
		return Collections.unmodifiableMap(map);
	}

	private static Instant instant(Object epochSeconds) {
		return (epochSeconds instanceof Number number) ? Instant.ofEpochSecond(number.longValue()) : null;
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static String error(String error, String description) {
		return GSON.toJson(Map.of("error", error, "error_description", String.valueOf(description)));
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
