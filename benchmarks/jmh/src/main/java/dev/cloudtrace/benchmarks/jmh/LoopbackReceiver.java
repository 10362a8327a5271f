package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A loopback OTLP/HTTP endpoint that reads each request's body, discards it and answers 200,
 * for the export benchmarks. It runs in the benchmark's JVM, so reading the body is part of
 * the measured time: the same for every compression of the same spans, more for bigger bodies.
 */
final class LoopbackReceiver implements AutoCloseable {

	private final HttpServer server;

	LoopbackReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/traces", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.transferTo(OutputStream.nullOutputStream());
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Returns an OpenTelemetry OTLP/HTTP exporter that posts to this receiver.
	 * @param compression {@code gzip} or {@code none}
	 * @param memoryMode the exporter's memory mode
	 * @return the exporter
	 */
	SpanExporter exporter(String compression, MemoryMode memoryMode) {
		return OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces")
			.setCompression(compression)
			.setMemoryMode(memoryMode)
			.build();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
