package dev.cloudtrace.autoconfigure.export.logging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceTreeSpanExporter}.
 */
class TraceTreeSpanExporterTests {

	private static final long T0 = 1_700_000_000_000L;

	private final List<String> printed = new ArrayList<>();

	private final TraceTreeSpanExporter exporter = new TraceTreeSpanExporter(this.printed::add);

	private final List<SdkTracerProvider> providers = new ArrayList<>();

	@AfterEach
	void closeProviders() {
		this.providers.forEach(SdkTracerProvider::close);
		this.exporter.shutdown();
	}

	@Test
	void printsFourLevelTraceAsIndentedTreeWhenRootEnds() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "GET /frontend", SpanKind.SERVER, null, 0);
		Span client = start(tracer, "GET", SpanKind.CLIENT, root, 10);
		Span server = start(tracer, "GET /backend", SpanKind.SERVER, client, 20);
		Span work = start(tracer, "do_work", SpanKind.INTERNAL, server, 30);
		end(work, 60);
		end(server, 80);
		end(client, 90);
		assertThat(this.printed).isEmpty();
		end(root, 100);
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).isEqualTo("Trace " + root.getSpanContext().getTraceId() + " (frontend) 100.0 ms");
		assertThat(lines.get(1)).startsWith("  GET /frontend ").contains("SERVER").contains("100.0 ms");
		assertThat(lines.get(2)).startsWith("    GET ").contains("CLIENT").contains("80.0 ms");
		assertThat(lines.get(3)).startsWith("      GET /backend ").contains("SERVER").contains("60.0 ms");
		assertThat(lines.get(4)).startsWith("        do_work ").contains("INTERNAL").contains("30.0 ms");
	}

	@Test
	void sortsChildrenByStartTime() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
		Span late = start(tracer, "late", SpanKind.INTERNAL, root, 60);
		Span early = start(tracer, "early", SpanKind.INTERNAL, root, 10);
		Span middle = start(tracer, "middle", SpanKind.INTERNAL, root, 30);
		end(late, 70);
		end(middle, 90);
		end(early, 20);
		end(root, 100);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("root", "early", "middle", "late");
	}

	@Test
	void waitsForLocalRootArrivingInLaterExport() {
		InMemorySpanExporter memory = InMemorySpanExporter.create();
		Tracer tracer = tracer("frontend", memory);
		Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
		Span child = start(tracer, "child", SpanKind.INTERNAL, root, 10);
		Span grandchild = start(tracer, "grandchild", SpanKind.INTERNAL, child, 20);
		end(grandchild, 30);
		end(child, 40);
		end(root, 50);
		List<SpanData> spans = memory.getFinishedSpanItems();
		this.exporter.export(spans.subList(0, 1));
		this.exporter.export(spans.subList(1, 2));
		assertThat(this.printed).isEmpty();
		this.exporter.export(spans.subList(2, 3));
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("root", "child", "grandchild");
	}

	@Test
	void printsSpanWithRemoteParentAsRootOnceGracePeriodPasses() {
		AtomicLong nanoTime = new AtomicLong();
		TraceTreeSpanExporter timed = timed(nanoTime);
		Tracer tracer = tracer("backend", timed);
		endRemoteChild(tracer);
		nanoTime.set(TraceBuffer.DEFAULT_GRACE.toNanos() - 1);
		timed.printExpired();
		assertThat(this.printed).isEmpty();
		nanoTime.set(TraceBuffer.DEFAULT_GRACE.toNanos());
		timed.printExpired();
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).isEqualTo("Trace 4bf92f3577b34da6a3ce929d0e0e4736 (backend) 20.0 ms");
		assertThat(lines.get(1)).startsWith("  GET /backend ").contains("SERVER");
		assertThat(lines.get(2)).startsWith("    do_work ");
		nanoTime.set(TraceBuffer.DEFAULT_TIMEOUT.toNanos());
		timed.printExpired();
		timed.flush();
		assertThat(this.printed).hasSize(1);
	}

	@Test
	void joinsCalleeExportedBeforeItsCallerIntoOneTree() {
		AtomicLong nanoTime = new AtomicLong();
		TraceTreeSpanExporter timed = timed(nanoTime);
		List<SpanData> spans = crossServiceTrace();
		assertThat(spans).extracting(SpanData::getName)
			.containsExactly("do_work", "GET /backend", "GET", "GET /frontend");
		timed.export(spans.subList(0, 2));
		nanoTime.set(TraceBuffer.DEFAULT_GRACE.toNanos() / 2);
		timed.printExpired();
		assertThat(this.printed).isEmpty();
		timed.export(spans.subList(2, 4));
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).isEqualTo("Trace " + spans.get(0).getTraceId() + " (frontend) 184.0 ms");
		assertThat(lines.get(1)).startsWith("  GET /frontend ").contains("SERVER");
		assertThat(lines.get(2)).startsWith("    GET ").contains("CLIENT");
		assertThat(lines.get(3)).startsWith("      GET /backend ").contains("SERVER");
		assertThat(lines.get(4)).startsWith("        do_work ").contains("INTERNAL");
		nanoTime.set(TraceBuffer.DEFAULT_TIMEOUT.toNanos());
		timed.printExpired();
		assertThat(this.printed).hasSize(1);
	}

	@Test
	void waitsForRootOnceCalleeHasJoinedItsCaller() {
		AtomicLong nanoTime = new AtomicLong();
		TraceTreeSpanExporter timed = timed(nanoTime);
		List<SpanData> spans = crossServiceTrace();
		timed.export(spans.subList(0, 2));
		timed.export(spans.subList(2, 3));
		nanoTime.set(TraceBuffer.DEFAULT_GRACE.toNanos() * 2);
		timed.printExpired();
		assertThat(this.printed).isEmpty();
		timed.export(spans.subList(3, 4));
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("GET /frontend", "GET", "GET /backend", "do_work");
	}

	@Test
	void marksJoinedTraceWithoutRootAsMissingItsRootOnTimeout() {
		AtomicLong nanoTime = new AtomicLong();
		TraceTreeSpanExporter timed = timed(nanoTime);
		List<SpanData> spans = crossServiceTrace();
		timed.export(spans.subList(0, 3));
		nanoTime.set(TraceBuffer.DEFAULT_TIMEOUT.toNanos() - 1);
		timed.printExpired();
		assertThat(this.printed).isEmpty();
		nanoTime.set(TraceBuffer.DEFAULT_TIMEOUT.toNanos());
		timed.printExpired();
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines.get(0)).endsWith(TraceTreeRenderer.ROOT_MISSING);
		assertThat(lines.subList(1, lines.size())).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("GET", "GET /backend", "do_work");
	}

	@Test
	void printsFromBackgroundThreadAfterGracePeriodAndStopsItOnShutdown() throws InterruptedException {
		BlockingQueue<String> trees = new LinkedBlockingQueue<>();
		AtomicReference<Thread> printer = new AtomicReference<>();
		TraceTreeSpanExporter background = new TraceTreeSpanExporter((tree) -> {
			printer.set(Thread.currentThread());
			trees.add(tree);
		}, TraceTreeRenderer.BLOCK, System::nanoTime, TraceBuffer.DEFAULT_TIMEOUT,
				Duration.ofMillis(200), 1000, 1000, true);
		endRemoteChild(tracer("backend", background));
		String tree = trees.poll(5, TimeUnit.SECONDS);
		assertThat(tree).isNotNull().contains("  GET /backend ").contains("    do_work ");
		assertThat(printer.get().getName()).isEqualTo(TraceBuffer.THREAD_NAME);
		assertThat(printer.get().isDaemon()).isTrue();
		background.shutdown();
		printer.get().join(5000);
		assertThat(printer.get().isAlive()).isFalse();
		assertThat(trees).isEmpty();
	}

	@Test
	void printsInterleavedTracesSeparately() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span rootA = start(tracer, "a-root", SpanKind.SERVER, null, 0);
		Span rootB = start(tracer, "b-root", SpanKind.SERVER, null, 1);
		Span childA = start(tracer, "a-child", SpanKind.INTERNAL, rootA, 2);
		Span childB = start(tracer, "b-child", SpanKind.INTERNAL, rootB, 3);
		end(childB, 4);
		end(childA, 5);
		end(rootA, 6);
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("a-root", "a-child");
		end(rootB, 7);
		assertThat(this.printed).hasSize(2);
		assertThat(spanLines(this.printed.get(1))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("b-root", "b-child");
		assertThat(this.printed.get(0)).contains(rootA.getSpanContext().getTraceId());
		assertThat(this.printed.get(1)).contains(rootB.getSpanContext().getTraceId());
	}

	@Test
	void drawsBarsProportionalToStartAndDuration() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
		Span firstHalf = start(tracer, "first-half", SpanKind.INTERNAL, root, 0);
		Span secondHalf = start(tracer, "second-half", SpanKind.INTERNAL, root, 50);
		Span blip = start(tracer, "blip", SpanKind.INTERNAL, secondHalf, 70);
		end(firstHalf, 50);
		end(blip, 71);
		end(secondHalf, 100);
		end(root, 100);
		List<String> lines = spanLines(this.printed.get(0));
		assertThat(lines).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("root", "first-half", "second-half", "blip");
		assertThat(lines).extracting(TraceTreeSpanExporterTests::bar)
			.allSatisfy((bar) -> assertThat(bar).hasSize(TraceTreeRenderer.BAR_WIDTH));
		assertBar(lines.get(0), 0, 40);
		assertBar(lines.get(1), 0, 20);
		assertBar(lines.get(2), 20, 20);
		assertBar(lines.get(3), 28, 1);
	}

	@Test
	void marksErrorSpans() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "root", SpanKind.SERVER, null, 0);
		Span failing = start(tracer, "call", SpanKind.CLIENT, root, 10);
		failing.setStatus(StatusCode.ERROR, "connection refused");
		end(failing, 20);
		end(root, 30);
		List<String> lines = spanLines(this.printed.get(0));
		assertThat(lines.get(0)).doesNotContain("ERROR").endsWith("|");
		assertThat(lines.get(1)).endsWith("| ERROR connection refused");
	}

	@Test
	void alignsColumnsAndShowsServiceOfEachSpan() {
		List<SpanData> spans = crossServiceTrace();
		this.exporter.export(spans);
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines.get(0)).startsWith("Trace " + spans.get(0).getTraceId() + " (frontend) 184.0 ms");
		List<String> spanLines = lines.subList(1, lines.size());
		assertThat(spanLines).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("GET /frontend", "GET", "GET /backend", "do_work");
		assertThat(spanLines).extracting(TraceTreeSpanExporterTests::service)
			.containsExactly("frontend", "frontend", "backend", "backend");
		int barColumn = spanLines.get(0).indexOf('|');
		assertThat(spanLines).allSatisfy((line) -> assertThat(line.indexOf('|')).isEqualTo(barColumn));
		assertThat(spanLines).allSatisfy((line) -> assertThat(line.indexOf(" SERVER  ") > 0
				|| line.indexOf(" CLIENT  ") > 0 || line.indexOf(" INTERNAL  ") > 0)
			.isTrue());
	}

	@Test
	void printsSpansWithoutRootOnFlush() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "never-ends", SpanKind.SERVER, null, 0);
		Span orphan = start(tracer, "orphan", SpanKind.INTERNAL, root, 10);
		end(orphan, 20);
		assertThat(this.printed).isEmpty();
		assertThat(this.exporter.flush().isSuccess()).isTrue();
		assertThat(this.printed).hasSize(1);
		List<String> lines = this.printed.get(0).lines().toList();
		assertThat(lines.get(0)).endsWith(TraceTreeRenderer.ROOT_MISSING);
		assertThat(lines.get(1)).startsWith("  orphan ");
		this.exporter.flush();
		assertThat(this.printed).hasSize(1);
	}

	@Test
	void printsSpansWithoutRootAfterTimeout() {
		AtomicLong nanoTime = new AtomicLong();
		TraceTreeSpanExporter timed = timed(nanoTime);
		Tracer tracer = tracer("frontend", timed);
		endOrphan(tracer, "first");
		nanoTime.set(Duration.ofSeconds(29).toNanos());
		endOrphan(tracer, "second");
		assertThat(this.printed).isEmpty();
		nanoTime.set(Duration.ofSeconds(31).toNanos());
		endOrphan(tracer, "third");
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("first");
		nanoTime.set(Duration.ofSeconds(60).toNanos());
		timed.printExpired();
		assertThat(this.printed).hasSize(2);
		assertThat(spanLines(this.printed.get(1))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("second");
	}

	@Test
	void keepsAtMostMaxTracesBuffered() {
		Tracer tracer = tracer("frontend", this.exporter);
		for (int i = 0; i <= TraceBuffer.DEFAULT_MAX_TRACES; i++) {
			endOrphan(tracer, "orphan-" + i);
		}
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("orphan-0");
		this.exporter.flush();
		assertThat(this.printed).hasSize(TraceBuffer.DEFAULT_MAX_TRACES + 1);
		assertThat(spanLines(this.printed.get(this.printed.size() - 1)))
			.extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("orphan-" + TraceBuffer.DEFAULT_MAX_TRACES);
	}

	@Test
	void keepsAtMostMaxSpansPerTraceBuffered() {
		Tracer tracer = tracer("frontend", this.exporter);
		Span root = start(tracer, "never-ends", SpanKind.SERVER, null, 0);
		for (int i = 0; i <= TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE; i++) {
			end(start(tracer, "child-" + i, SpanKind.INTERNAL, root, i), i + 1);
		}
		assertThat(this.printed).hasSize(1);
		assertThat(spanLines(this.printed.get(0))).hasSize(TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE);
		this.exporter.flush();
		assertThat(this.printed).hasSize(2);
		assertThat(spanLines(this.printed.get(1))).extracting(TraceTreeSpanExporterTests::name)
			.containsExactly("child-" + TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE);
	}

	@Test
	void printsBufferedSpansOnShutdownAndRejectsLaterSpans() {
		Tracer tracer = tracer("frontend", this.exporter);
		endOrphan(tracer, "pending");
		assertThat(this.exporter.shutdown().isSuccess()).isTrue();
		assertThat(this.printed).hasSize(1);
		CompletableResultCode result = this.exporter.export(crossServiceTrace());
		assertThat(result.isSuccess()).isFalse();
		assertThat(this.printed).hasSize(1);
	}

	@Test
	void survivesFailingOutput() {
		TraceTreeSpanExporter failing = new TraceTreeSpanExporter((tree) -> {
			throw new IllegalStateException("console closed");
		});
		CompletableResultCode result = failing.export(crossServiceTrace());
		assertThat(result.isSuccess()).isFalse();
	}

	@Test
	void fallsBackToAsciiBarWhenCharsetCannotEncodeBlocks() {
		assertThat(TraceTreeRenderer.blockFor(StandardCharsets.UTF_8)).isEqualTo('\u2588');
		assertThat(TraceTreeRenderer.blockFor(StandardCharsets.US_ASCII)).isEqualTo('#');
		assertThat(TraceTreeRenderer.blockFor(StandardCharsets.ISO_8859_1)).isEqualTo('#');
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void toLogWritesEachTraceToTheLog(CapturedOutput output) {
		List<SpanData> spans = crossServiceTrace();
		TraceTreeSpanExporter toLog = TraceTreeSpanExporter.toLog();
		CompletableResultCode result = toLog.export(spans);
		toLog.shutdown();
		assertThat(result.isSuccess()).isTrue();
		assertThat(output).contains("Trace " + spans.get(0).getTraceId() + " (frontend) 184.0 ms")
			.contains("      GET /backend ");
	}

	/**
	 * A frontend calling a backend, both recorded into one list as if they shared a
	 * console; the backend's server span continues the frontend's client span remotely.
	 */
	private List<SpanData> crossServiceTrace() {
		InMemorySpanExporter memory = InMemorySpanExporter.create();
		Tracer frontend = tracer("frontend", memory);
		Tracer backend = tracer("backend", memory);
		Span root = start(frontend, "GET /frontend", SpanKind.SERVER, null, 0);
		Span client = start(frontend, "GET", SpanKind.CLIENT, root, 20);
		SpanContext propagated = SpanContext.createFromRemoteParent(client.getSpanContext().getTraceId(),
				client.getSpanContext().getSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
		Span server = backend.spanBuilder("GET /backend")
			.setSpanKind(SpanKind.SERVER)
			.setParent(Context.root().with(Span.wrap(propagated)))
			.setStartTimestamp(T0 + 28, TimeUnit.MILLISECONDS)
			.startSpan();
		Span work = start(backend, "do_work", SpanKind.INTERNAL, server, 60);
		end(work, 160);
		end(server, 176);
		end(client, 180);
		end(root, 184);
		return memory.getFinishedSpanItems();
	}

	private TraceTreeSpanExporter timed(AtomicLong nanoTime) {
		return new TraceTreeSpanExporter(this.printed::add, TraceTreeRenderer.BLOCK, nanoTime::get,
				TraceBuffer.DEFAULT_TIMEOUT, TraceBuffer.DEFAULT_GRACE,
				TraceBuffer.DEFAULT_MAX_TRACES, TraceBuffer.DEFAULT_MAX_SPANS_PER_TRACE, false);
	}

	/**
	 * A backend request whose caller is in another process: a server span with a remote
	 * parent and one child.
	 */
	private static void endRemoteChild(Tracer tracer) {
		SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
				TraceFlags.getSampled(), TraceState.getDefault());
		Span server = tracer.spanBuilder("GET /backend")
			.setSpanKind(SpanKind.SERVER)
			.setParent(Context.root().with(Span.wrap(remote)))
			.setStartTimestamp(T0, TimeUnit.MILLISECONDS)
			.startSpan();
		end(start(tracer, "do_work", SpanKind.INTERNAL, server, 5), 15);
		end(server, 20);
	}

	private Tracer tracer(String service, SpanExporter target) {
		Resource resource = Resource.getDefault()
			.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(resource)
			.addSpanProcessor(SimpleSpanProcessor.create(target))
			.build();
		this.providers.add(provider);
		return provider.get("test");
	}

	private static void endOrphan(Tracer tracer, String name) {
		Span neverEnds = start(tracer, "never-ends", SpanKind.SERVER, null, 0);
		end(start(tracer, name, SpanKind.INTERNAL, neverEnds, 1), 2);
	}

	private static Span start(Tracer tracer, String name, SpanKind kind, Span parent, long startMillis) {
		SpanBuilder builder = tracer.spanBuilder(name)
			.setSpanKind(kind)
			.setStartTimestamp(T0 + startMillis, TimeUnit.MILLISECONDS);
		if (parent != null) {
			builder.setParent(Context.root().with(parent));
		}
		else {
			builder.setNoParent();
		}
		return builder.startSpan();
	}

	private static void end(Span span, long endMillis) {
		span.end(T0 + endMillis, TimeUnit.MILLISECONDS);
	}

	private static List<String> spanLines(String tree) {
		List<String> lines = tree.lines().toList();
		return lines.subList(1, lines.size());
	}

	private static String name(String line) {
		return columns(line)[0];
	}

	private static String service(String line) {
		return columns(line)[1];
	}

	private static String[] columns(String line) {
		return line.strip().split("\\s{2,}");
	}

	private static String bar(String line) {
		int open = line.indexOf('|');
		return line.substring(open + 1, line.indexOf('|', open + 1));
	}

	private static void assertBar(String line, int offset, int cells) {
		String bar = bar(line);
		String expected = " ".repeat(offset) + String.valueOf(TraceTreeRenderer.BLOCK).repeat(cells)
				+ " ".repeat(TraceTreeRenderer.BAR_WIDTH - offset - cells);
		assertThat(bar).as(line).isEqualTo(expected);
	}

}
