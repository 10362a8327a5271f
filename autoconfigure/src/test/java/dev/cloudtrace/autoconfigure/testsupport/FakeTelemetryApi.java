package dev.cloudtrace.autoconfigure.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * Fake of Google's Telemetry API ({@code telemetry.googleapis.com}) over OTLP/HTTP: decodes protobuf trace exports
 * posted to {@code /v1/traces} on 127.0.0.1 and records them.
 * <p>
 * Every request is counted on arrival; only those answered {@code 200} are recorded, so a retried export shows up
 * once in {@link #spans()}. Faults ({@link #respondWith(int)}, {@link #hang()}) last until {@link #reset()}.
 */
public final class FakeTelemetryApi implements AutoCloseable {

	/** The path OTLP/HTTP exporters post traces to. */
	public static final String TRACES_PATH = "/v1/traces";

	private static final String PROTOBUF = "application/x-protobuf";

	private static final AtomicInteger instances = new AtomicInteger();

	private final Recording<ReceivedExport, ReceivedSpan> recording = new Recording<>();

	private final Faults faults = new Faults();

	private final LoopbackHttpServer server;

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeTelemetryApi() throws IOException {
		this.server = new LoopbackHttpServer("fake-telemetry-api-" + instances.incrementAndGet(), this::handle);
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}, without a path.
	 */
	public String endpoint() {
		return this.server.endpoint();
	}

	/**
	 * Returns the full traces URL, {@code http://127.0.0.1:PORT/v1/traces}.
	 */
	public String tracesEndpoint() {
		return endpoint() + TRACES_PATH;
	}

	/**
	 * Returns the bound port.
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the export requests answered {@code 200}, in order of arrival.
	 */
	public List<ReceivedExport> requests() {
		return this.recording.requests();
	}

	/**
	 * Returns the spans of every request answered {@code 200}, in order of arrival.
	 */
	public List<ReceivedSpan> spans() {
		return this.recording.spans();
	}

	/**
	 * Waits until at least {@code count} spans have been received and returns all received so far.
	 * @throws AssertionError listing what did arrive when {@code timeout} elapses first
	 */
	public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
		return this.recording.awaitSpans(count, timeout);
	}

	/**
	 * Returns how many requests arrived on any path, including those failed or held by a fault.
	 */
	public int requestCount() {
		return this.recording.requestCount();
	}

	/**
	 * Answers every request with {@code status} (and an encoded {@code google.rpc.Status} body) until
	 * {@link #reset()}.
	 */
	public void respondWith(int status) {
		this.faults.failWith(status, null, -1);
	}

	/**
	 * Answers every request with {@code status} and a {@code Retry-After} header of whole seconds until
	 * {@link #reset()}.
	 */
	public void respondWith(int status, Duration retryAfter) {
		this.faults.failWith(status, retryAfter, -1);
	}

	/**
	 * Answers the next {@code times} requests with {@code status}, then answers normally again.
	 */
	public void failNext(int times, int status) {
		this.faults.failWith(status, null, times);
	}

	/**
	 * Accepts requests but never answers them; {@link #reset()} or {@link #close()} drops them unanswered.
	 */
	public void hang() {
		this.faults.hang();
	}

	/**
	 * Ends any fault: requests are answered normally again and hanging ones are dropped.
	 */
	public void reset() {
		this.faults.reset();
	}

	/**
	 * Forgets everything received so far, including the request count; faults stay as they are.
	 */
	public void clear() {
		this.recording.clear();
	}

	@Override
	public void close() {
		this.faults.reset();
		this.server.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.recording.arrived();
			String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
			if (!TRACES_PATH.equals(exchange.getRequestURI().getPath())) {
				this.recording.unexpected(request);
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				this.recording.unexpected(request);
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType == null || !contentType.startsWith(PROTOBUF)) {
				this.recording.unexpected(request + " with Content-Type " + contentType);
				respond(exchange, 415, status(415, "Only " + PROTOBUF + " is supported"));
				return;
			}
			ExportTraceServiceRequest decoded;
			try {
				decoded = ExportTraceServiceRequest.parseFrom(decompress(exchange, body));
			}
			catch (IOException ex) {
				this.recording.unexpected(request + " with undecodable body: " + ex.getMessage());
				respond(exchange, 400, status(400, "Invalid body: " + ex.getMessage()));
				return;
			}
			Faults.Outcome outcome = this.faults.next();
			switch (outcome.kind()) {
				case DROP -> {
					// Closing without a response makes the client see the connection drop.
				}
				case FAIL -> {
					if (outcome.retryAfter() != null) {
						exchange.getResponseHeaders()
							.set("Retry-After", Long.toString(outcome.retryAfter().toSeconds()));
					}
					respond(exchange, outcome.code(), status(outcome.code(), "Injected by " + getClass().getSimpleName()));
				}
				case ANSWER -> {
					ReceivedExport export = new ReceivedExport(RequestHeaders.of(exchange.getRequestHeaders()), decoded);
					this.recording.accepted(export, OtlpSpans.of(export));
					respond(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
				}
			}
		}
	}

	private static byte[] decompress(HttpExchange exchange, byte[] body) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		if (encoding == null || encoding.equalsIgnoreCase("identity")) {
			return body;
		}
		if (!encoding.equalsIgnoreCase("gzip")) {
			throw new IOException("Unsupported Content-Encoding " + encoding);
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	/**
	 * Encodes the {@code google.rpc.Status} body that OTLP/HTTP servers send with errors.
	 */
	private static byte[] status(int httpStatus, String message) {
		return com.google.rpc.Status.newBuilder().setCode(grpcCode(httpStatus)).setMessage(message).build().toByteArray();
	}

	private static int grpcCode(int httpStatus) {
		return switch (httpStatus) {
			case 400 -> io.grpc.Status.Code.INVALID_ARGUMENT.value();
			case 401 -> io.grpc.Status.Code.UNAUTHENTICATED.value();
			case 403 -> io.grpc.Status.Code.PERMISSION_DENIED.value();
			case 404 -> io.grpc.Status.Code.NOT_FOUND.value();
			case 429 -> io.grpc.Status.Code.RESOURCE_EXHAUSTED.value();
			case 503 -> io.grpc.Status.Code.UNAVAILABLE.value();
			case 504 -> io.grpc.Status.Code.DEADLINE_EXCEEDED.value();
			default -> io.grpc.Status.Code.UNKNOWN.value();
		};
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
