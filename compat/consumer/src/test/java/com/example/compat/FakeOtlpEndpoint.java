package com.example.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 ({@code POST /v1/traces}, protobuf, optionally gzipped)
 * that keeps every span it is sent, with the attributes of its resource.
 */
final class FakeOtlpEndpoint implements AutoCloseable {

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	FakeOtlpEndpoint() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/traces", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/** Requests that could not be decoded, so a test can tell "nothing sent" from "sent garbage". */
	List<String> errors() {
		return List.copyOf(this.errors);
	}

	void clear() {
		this.spans.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			request.getResourceSpansList().forEach(this::record);
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length != 0) ? response.length : -1);
			if (response.length != 0) {
				exchange.getResponseBody().write(response);
			}
		}
		catch (IOException | RuntimeException ex) {
			this.errors.add(ex.toString());
			exchange.sendResponseHeaders(400, -1);
		}
		finally {
			exchange.close();
		}
	}

	private void record(ResourceSpans resourceSpans) {
		Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
		for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
			for (Span span : scopeSpans.getSpansList()) {
				this.spans.add(new ReceivedSpan(hex(span.getTraceId()), hex(span.getSpanId()),
						hex(span.getParentSpanId()), span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
						span.getStartTimeUnixNano(), attributes(span.getAttributesList()), resource));
			}
		}
	}

	private static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new LinkedHashMap<>();
		keyValues.forEach((keyValue) -> attributes.put(keyValue.getKey(), text(keyValue.getValue())));
		return attributes;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			case ARRAY_VALUE -> {
				List<String> items = new ArrayList<>();
				value.getArrayValue().getValuesList().forEach((item) -> items.add(text(item)));
				yield items.toString();
			}
			default -> value.toString();
		};
	}

	private static String hex(ByteString bytes) {
		return HexFormat.of().formatHex(bytes.toByteArray());
	}

}
