package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of the metadata server that Compute Engine, GKE and Cloud Run give every workload, on 127.0.0.1. Like the real
 * one it answers only requests that carry {@code Metadata-Flavor: Google} (others get 403) and marks every answer
 * with that header. It serves the root that google-auth-library probes ({@code GET /}), the project, the default
 * service account's email and access tokens, and the instance's id, zone and region; {@link #cluster} adds GKE's
 * cluster attributes. Each token request gets a new token, {@code metadata-token-1}, {@code metadata-token-2}, and
 * so on, valid for {@link #tokenExpiresIn}. Every request is recorded.
 * <p>
 * google-auth-library finds it through {@code GCE_METADATA_HOST=}{@link #host()}; Google's resource detector only
 * through a metadata URL given to its package-private constructor ({@code http://}{@link #host()}{@link #PATH}).
 */
public final class FakeMetadataServer implements AutoCloseable {

	/** The header the metadata server demands on requests and sets on answers. */
	public static final String FLAVOR_HEADER = "Metadata-Flavor";

	/** The value of {@link #FLAVOR_HEADER}. */
	public static final String FLAVOR = "Google";

	/** The path under which the metadata lives. */
	public static final String PATH = "/computeMetadata/v1/";

	/** The path of the default service account's access token. */
	public static final String TOKEN_PATH = PATH + "instance/service-accounts/default/token";

	/** The project the fake instance belongs to. */
	public static final String PROJECT_ID = "metadata-project";

	/** The number of {@link #PROJECT_ID}. */
	public static final String PROJECT_NUMBER = "123456789012";

	/** The email of the default service account. */
	public static final String SERVICE_ACCOUNT = "checkout@" + PROJECT_ID + ".iam.gserviceaccount.com";

	/** The id of the fake instance. */
	public static final String INSTANCE_ID = "4520031799277581759";

	/** The region of the fake instance. */
	public static final String REGION = "europe-west1";

	/** The zone of the fake instance until {@link #zone(String)}, as Cloud Run names its zones. */
	public static final String CLOUD_RUN_ZONE = REGION + "-1";

	private static final Gson GSON = new Gson();

	private final Map<String, String> values = new ConcurrentHashMap<>();

	private final Arrivals<MetadataRequest> requests = new Arrivals<>("metadata requests");

	private final Arrivals<MetadataToken> tokens = new Arrivals<>("access tokens");

	private final AtomicInteger issued = new AtomicInteger();

	private final LoopbackHttpServer server;

	private volatile Duration tokenExpiresIn = Duration.ofHours(1);

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1, as the metadata server of a Cloud Run instance of
	 * {@link #PROJECT_ID} in {@link #REGION}.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeMetadataServer() throws IOException {
		this.values.put(PATH + "project/project-id", PROJECT_ID);
		this.values.put(PATH + "project/numeric-project-id", PROJECT_NUMBER);
		this.values.put(PATH + "instance/service-accounts/default/email", SERVICE_ACCOUNT);
		this.values.put(PATH + "instance/id", INSTANCE_ID);
		this.values.put(PATH + "instance/region", "projects/" + PROJECT_NUMBER + "/regions/" + REGION);
		zone(CLOUD_RUN_ZONE);
		this.server = new LoopbackHttpServer("fake-metadata-server", this::handle);
	}

	/**
	 * Sets the zone of the instance, such as a GKE node's {@code europe-west1-b}.
	 * @return this fake
	 */
	public FakeMetadataServer zone(String zone) {
		this.values.put(PATH + "instance/zone", "projects/" + PROJECT_NUMBER + "/zones/" + zone);
		return this;
	}

	/**
	 * Serves the attributes that GKE gives the instances of a cluster.
	 * @param name the cluster's name
	 * @param location the cluster's region (a regional cluster) or zone (a zonal one)
	 * @return this fake
	 */
	public FakeMetadataServer cluster(String name, String location) {
		this.values.put(PATH + "instance/attributes/cluster-name", name);
		this.values.put(PATH + "instance/attributes/cluster-location", location);
		return this;
	}

	/**
	 * Sets the lifetime of the tokens handed out from now on, one hour by default.
	 */
	public void tokenExpiresIn(Duration expiresIn) {
		this.tokenExpiresIn = expiresIn;
	}

	/**
	 * Returns the host and port, {@code 127.0.0.1:PORT}, the form {@code GCE_METADATA_HOST} takes.
	 */
	public String host() {
		return "127.0.0.1:" + this.server.port();
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}, without a path.
	 */
	public String endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Returns every request received, in order of arrival.
	 */
	public List<MetadataRequest> requests() {
		return this.requests.snapshot();
	}

	/**
	 * Returns the access tokens handed out, in order.
	 */
	public List<MetadataToken> tokens() {
		return this.tokens.snapshot();
	}

	/**
	 * Waits until at least {@code count} tokens have been handed out and returns all so far.
	 * @throws AssertionError listing what was handed out when {@code timeout} elapses first
	 */
	public List<MetadataToken> awaitTokens(int count, Duration timeout) {
		return this.tokens.await(count, timeout, () -> "; requests received: " + requests());
	}

	@Override
	public void close() {
		this.server.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			URI uri = exchange.getRequestURI();
			String path = uri.getPath();
			String value = this.values.get(path);
			String body;
			int status;
			if (!FLAVOR.equals(exchange.getRequestHeaders().getFirst(FLAVOR_HEADER))) {
				status = 403;
				body = "Missing " + FLAVOR_HEADER + ":" + FLAVOR + " header.";
			}
			else if (!"GET".equals(exchange.getRequestMethod())) {
				status = 405;
				body = "Method not allowed";
			}
			else if ("/".equals(path)) {
				status = 200;
				body = "computeMetadata/";
			}
			else if (TOKEN_PATH.equals(path)) {
				status = 200;
				body = issueToken(queryParameter(uri, "scopes"));
			}
			else if (value != null) {
				status = 200;
				body = value;
			}
			else {
				status = 404;
				body = "Not found";
			}
			this.requests.addAll(List.of(new MetadataRequest(exchange.getRequestMethod(), path, uri.getQuery(),
					RequestHeaders.of(exchange.getRequestHeaders()), status)));
			respond(exchange, status, TOKEN_PATH.equals(path) && status == 200, body);
		}
	}

	private String issueToken(String scopes) {
		Duration expiresIn = this.tokenExpiresIn;
		Instant now = Instant.now();
		MetadataToken token = new MetadataToken("metadata-token-" + this.issued.incrementAndGet(), scopes, now,
				now.plus(expiresIn));
		this.tokens.addAll(List.of(token));
		return GSON.toJson(Map.of("access_token", token.accessToken(), "expires_in", expiresIn.toSeconds(),
				"token_type", "Bearer"));
	}

	private static String queryParameter(URI uri, String name) {
		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && name.equals(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8))) {
				return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static void respond(HttpExchange exchange, int status, boolean json, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set(FLAVOR_HEADER, FLAVOR);
		exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/text");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
