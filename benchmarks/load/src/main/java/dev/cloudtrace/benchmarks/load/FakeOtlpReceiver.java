package dev.cloudtrace.benchmarks.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * OTLP/HTTP receiver of the load benchmark, run as its own process: answers 200 to every
 * {@code POST /v1/traces} and counts requests, bytes (as sent, compressed or not), gzip
 * requests, requests with an {@code Authorization: Bearer} header of the token it grants,
 * and spans by kind for each {@code service.name}. {@code POST /token} grants that token as
 * Google's OAuth endpoint would, to a {@link FakeServiceAccount}. {@code GET /stats} returns
 * one line of {@code name=value} pairs per service, then the totals.
 * <p>
 * Every traced variant exports here, so exporting costs each of them the same. Spans are
 * counted from the protobuf wire format directly: the receiver stays a single class with no
 * dependency, and the counts show that each variant makes the spans it is expected to.
 */
public final class FakeOtlpReceiver {

	static final String TOKEN = "benchmark-access-token";

	private static final String[] KINDS = { "unspecified", "internal", "server", "client", "producer", "consumer" };

	private final Map<String, Counters> services = new ConcurrentHashMap<>();

	private final AtomicLong malformed = new AtomicLong();

	private final AtomicLong tokens = new AtomicLong();

	private FakeOtlpReceiver() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		FakeOtlpReceiver receiver = new FakeOtlpReceiver();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		server.createContext("/v1/traces", receiver::receive);
		server.createContext("/stats", receiver::stats);
		server.createContext("/token", receiver::token);
		server.setExecutor(Executors.newFixedThreadPool(2));
		server.start();
		System.out.println("Fake OTLP receiver listening on http://127.0.0.1:" + port);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			long compressedLength = body.length;
			boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
			boolean bearer = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
			if (gzip) {
				try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
					body = in.readAllBytes();
				}
			}
			try {
				countSpans(body, compressedLength, gzip, bearer);
			}
			catch (RuntimeException ex) {
				this.malformed.incrementAndGet();
			}
			// An empty ExportTraceServiceResponse: zero bytes of protobuf.
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	// The JWT grant is not checked: the fake only lets the exporter fetch its token the way it
	// would from Google, which happens once an hour.
	private void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			this.tokens.incrementAndGet();
			byte[] answer = ("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	private void stats(HttpExchange exchange) throws IOException {
		try (exchange) {
			StringBuilder lines = new StringBuilder();
			new TreeMap<>(this.services).forEach((service, counters) -> {
				lines.append("service=").append(service);
				lines.append(" requests=").append(counters.requests.get());
				lines.append(" bytes=").append(counters.bytes.get());
				lines.append(" gzip=").append(counters.gzip.get());
				lines.append(" bearer=").append(counters.bearer.get());
				for (int i = 0; i < KINDS.length; i++) {
					lines.append(' ').append(KINDS[i]).append('=').append(counters.spansByKind.get(i));
				}
				lines.append('\n');
			});
			lines.append("malformed=").append(this.malformed.get()).append('\n');
			lines.append("tokens=").append(this.tokens.get()).append('\n');
			byte[] answer = lines.toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	// ExportTraceServiceRequest: 1 = ResourceSpans; ResourceSpans: 1 = Resource, 2 = ScopeSpans;
	// ScopeSpans: 2 = Span; Span: 6 = kind. The request's bytes go to its first service.
	private void countSpans(byte[] request, long length, boolean gzip, boolean bearer) {
		Counters first = null;
		Wire wire = new Wire(request, 0, request.length);
		while (wire.next()) {
			if (wire.field == 1 && wire.type == 2) {
				Wire resourceSpans = wire.nested();
				Counters counters = null;
				int[] kinds = new int[KINDS.length];
				while (resourceSpans.next()) {
					if (resourceSpans.field == 1 && resourceSpans.type == 2) {
						counters = this.services.computeIfAbsent(serviceName(resourceSpans.nested()),
								(name) -> new Counters());
					}
					else if (resourceSpans.field == 2 && resourceSpans.type == 2) {
						Wire scopeSpans = resourceSpans.nested();
						while (scopeSpans.next()) {
							if (scopeSpans.field == 2 && scopeSpans.type == 2) {
								kinds[kind(scopeSpans.nested())]++;
							}
						}
					}
				}
				if (counters == null) {
					counters = this.services.computeIfAbsent("unknown", (name) -> new Counters());
				}
				for (int i = 0; i < kinds.length; i++) {
					counters.spansByKind.addAndGet(i, kinds[i]);
				}
				first = (first != null) ? first : counters;
			}
		}
		if (first != null) {
			first.requests.incrementAndGet();
			first.bytes.addAndGet(length);
			first.gzip.addAndGet(gzip ? 1 : 0);
			first.bearer.addAndGet(bearer ? 1 : 0);
		}
	}

	// Resource: 1 = KeyValue; KeyValue: 1 = key, 2 = AnyValue; AnyValue: 1 = string value.
	private static String serviceName(Wire resource) {
		while (resource.next()) {
			if (resource.field == 1 && resource.type == 2) {
				Wire keyValue = resource.nested();
				String key = null;
				String value = null;
				while (keyValue.next()) {
					if (keyValue.field == 1 && keyValue.type == 2) {
						key = keyValue.string();
					}
					else if (keyValue.field == 2 && keyValue.type == 2) {
						Wire anyValue = keyValue.nested();
						while (anyValue.next()) {
							if (anyValue.field == 1 && anyValue.type == 2) {
								value = anyValue.string();
							}
						}
					}
				}
				if ("service.name".equals(key) && value != null) {
					return value;
				}
			}
		}
		return "unknown";
	}

	private static int kind(Wire span) {
		int kind = 0;
		while (span.next()) {
			if (span.field == 6 && span.type == 0) {
				kind = (int) span.varint;
			}
		}
		return (kind >= 0 && kind < KINDS.length) ? kind : 0;
	}

	/**
	 * What one service exported.
	 */
	private static final class Counters {

		final AtomicLong requests = new AtomicLong();

		final AtomicLong bytes = new AtomicLong();

		final AtomicLong gzip = new AtomicLong();

		final AtomicLong bearer = new AtomicLong();

		final AtomicLongArray spansByKind = new AtomicLongArray(KINDS.length);

	}

	/**
	 * Reads the fields of one protobuf message, skipping the values it is not asked for.
	 */
	private static final class Wire {

		private final byte[] bytes;

		private final int end;

		private int position;

		int field;

		int type;

		long varint;

		private int valueStart;

		private int valueEnd;

		Wire(byte[] bytes, int start, int end) {
			this.bytes = bytes;
			this.position = start;
			this.end = end;
		}

		boolean next() {
			if (this.position >= this.end) {
				return false;
			}
			long tag = readVarint();
			this.field = (int) (tag >>> 3);
			this.type = (int) (tag & 7);
			switch (this.type) {
				case 0 -> this.varint = readVarint();
				case 1 -> this.position += 8;
				case 2 -> {
					int length = (int) readVarint();
					this.valueStart = this.position;
					this.valueEnd = this.position + length;
					this.position = this.valueEnd;
				}
				case 5 -> this.position += 4;
				default -> throw new IllegalStateException("Unsupported wire type " + this.type);
			}
			if (this.position > this.end) {
				throw new IllegalStateException("Truncated message");
			}
			return true;
		}

		Wire nested() {
			return new Wire(this.bytes, this.valueStart, this.valueEnd);
		}

		String string() {
			return new String(this.bytes, this.valueStart, this.valueEnd - this.valueStart, StandardCharsets.UTF_8);
		}

		private long readVarint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = this.bytes[this.position++];
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalStateException("Malformed varint");
		}

	}

}
