package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The export cost per span by batch size (64, 512 and 2048 spans per export, the exporter
 * reusing its buffers as the starter's do) and compression: what the defaults of
 * {@code cloudtrace.batch.max-export-batch-size} and
 * {@code cloudtrace.exporter.cloud-trace.compression} are chosen from. Each operation is one
 * span: the time of one export divided by its spans.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExportBatchSizeBenchmark {

	private LoopbackReceiver receiver;

	private SpanExporter gzip;

	private SpanExporter uncompressed;

	private List<SpanData> spans;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.receiver = new LoopbackReceiver();
		this.gzip = this.receiver.exporter("gzip", MemoryMode.REUSABLE_DATA);
		this.uncompressed = this.receiver.exporter("none", MemoryMode.REUSABLE_DATA);
		this.spans = ExportBenchmark.spans(2048);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.gzip.shutdown().join(10, TimeUnit.SECONDS);
		this.uncompressed.shutdown().join(10, TimeUnit.SECONDS);
		this.receiver.close();
	}

	@Benchmark
	@OperationsPerInvocation(64)
	public boolean uncompressed64() {
		return export(this.uncompressed, 64);
	}

	@Benchmark
	@OperationsPerInvocation(512)
	public boolean uncompressed512() {
		return export(this.uncompressed, 512);
	}

	@Benchmark
	@OperationsPerInvocation(2048)
	public boolean uncompressed2048() {
		return export(this.uncompressed, 2048);
	}

	@Benchmark
	@OperationsPerInvocation(64)
	public boolean gzip64() {
		return export(this.gzip, 64);
	}

	@Benchmark
	@OperationsPerInvocation(512)
	public boolean gzip512() {
		return export(this.gzip, 512);
	}

	@Benchmark
	@OperationsPerInvocation(2048)
	public boolean gzip2048() {
		return export(this.gzip, 2048);
	}

	private boolean export(SpanExporter exporter, int batchSize) {
		return exporter.export(this.spans.subList(0, batchSize)).join(10, TimeUnit.SECONDS).isSuccess();
	}

}
