package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One export of a batch of 512 spans (a server span's attributes each) with OpenTelemetry's
 * OTLP/HTTP exporter to a loopback endpoint that reads and discards the body: in each memory
 * mode of the exporter ({@code IMMUTABLE_DATA}, its default, and {@code REUSABLE_DATA}), with
 * gzip and without. The time includes the loopback exchange, the same in every case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExportBenchmark {

	private LoopbackReceiver receiver;

	private SpanExporter immutableGzip;

	private SpanExporter reusableGzip;

	private SpanExporter immutableUncompressed;

	private SpanExporter reusableUncompressed;

	private List<SpanData> batch;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.receiver = new LoopbackReceiver();
		this.immutableGzip = this.receiver.exporter("gzip", MemoryMode.IMMUTABLE_DATA);
		this.reusableGzip = this.receiver.exporter("gzip", MemoryMode.REUSABLE_DATA);
		this.immutableUncompressed = this.receiver.exporter("none", MemoryMode.IMMUTABLE_DATA);
		this.reusableUncompressed = this.receiver.exporter("none", MemoryMode.REUSABLE_DATA);
		this.batch = spans(512);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		for (SpanExporter exporter : List.of(this.immutableGzip, this.reusableGzip, this.immutableUncompressed,
				this.reusableUncompressed)) {
			exporter.shutdown().join(10, TimeUnit.SECONDS);
		}
		this.receiver.close();
	}

	@Benchmark
	public boolean immutableGzip() {
		return export(this.immutableGzip);
	}

	@Benchmark
	public boolean reusableGzip() {
		return export(this.reusableGzip);
	}

	@Benchmark
	public boolean immutableUncompressed() {
		return export(this.immutableUncompressed);
	}

	@Benchmark
	public boolean reusableUncompressed() {
		return export(this.reusableUncompressed);
	}

	private boolean export(SpanExporter exporter) {
		return exporter.export(this.batch).join(10, TimeUnit.SECONDS).isSuccess();
	}

	/**
	 * Returns ended spans with a server span's attributes.
	 * @param count how many
	 * @return the spans' data
	 */
	static List<SpanData> spans(int count) {
		List<SpanData> spans = new ArrayList<>();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(Resource.getDefault()
				.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "bench"))))
			.build()) {
			Tracer tracer = provider.get("bench");
			for (int i = 0; i < count; i++) {
				Span span = tracer.spanBuilder("GET /back")
					.setSpanKind(SpanKind.SERVER)
					.setAttribute("http.request.method", "GET")
					.setAttribute("url.path", "/back")
					.setAttribute("url.scheme", "http")
					.setAttribute("http.route", "/back")
					.setAttribute("network.protocol.version", "1.1")
					.setAttribute("server.address", "127.0.0.1")
					.setAttribute("server.port", 8080L)
					.setAttribute("client.address", "127.0.0.1")
					.setAttribute("user_agent.original", "Java-http-client/17.0.15")
					.startSpan();
				span.setAttribute("http.response.status_code", 200L);
				span.end();
				spans.add(((ReadableSpan) span).toSpanData());
			}
		}
		return spans;
	}

}
