package dev.cloudtrace.autoconfigure.sdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.cloudtrace.autoconfigure.testsupport.BlockingSpanExporter;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.http.HttpSenderProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shutdown of tracing: on context close (SIGTERM, through Spring Boot's shutdown hook)
 * queued spans are flushed within {@code cloudtrace.batch.export-timeout} (on Cloud Run
 * within 8 s of its 10 s grace period), close never waits longer on an unreachable backend,
 * and no tracing thread keeps the JVM alive.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracerProviderShutdownTests {

	private static final String[] OFFLINE = { "cloudtrace.project-id=orders-prod",
			"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CloudTraceContextRunners.foundation())
		.withPropertyValues(OFFLINE)
		.withPropertyValues("cloudtrace.batch.schedule-delay=1h", "cloudtrace.batch.export-timeout=1s");

	@Test
	void closeReturnsWithinTheExportTimeoutWhenTheEndpointHangs() throws IOException {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			api.hang();
			AtomicLong closing = new AtomicLong();
			this.contextRunner.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint())
				.run((context) -> {
					makeSpans(context);
					closing.set(System.nanoTime());
				});
			assertThat(Duration.ofNanos(System.nanoTime() - closing.get())).isLessThan(Duration.ofSeconds(5));
			assertThat(api.requestCount()).as("the flush was attempted").isPositive();
		}
	}

	@Test
	void closeReturnsWithinCloudRunsGracePeriodWhenTheEndpointHangs(CapturedOutput output) throws IOException {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			api.hang();
			AtomicLong closing = new AtomicLong();
			// Cloud Run's defaults, with the export timeout and the exporter's timeout (30s, 10s)
			// longer than its 10 s grace period.
			new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
				.withPropertyValues(OFFLINE)
				.withPropertyValues("K_SERVICE=checkout", "K_REVISION=checkout-00042-abc",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint())
				.run((context) -> {
					makeSpans(context);
					closing.set(System.nanoTime());
				});
			Duration took = Duration.ofNanos(System.nanoTime() - closing.get());
			System.out.println("Close with Cloud Run detected and a hanging endpoint took " + took.toMillis() + " ms");
			assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(8)).isLessThan(Duration.ofSeconds(10));
			assertThat(api.requestCount()).as("the flush was attempted").isPositive();
			assertThat(output).contains("Tracing did not finish flushing spans within "
					+ "cloudtrace.batch.shutdown-timeout (8000 ms, four fifths of the 10s between SIGTERM and SIGKILL)");
		}
	}

	@Test
	void closeReturnsWithinTheExportTimeoutWhenAnExporterNeverReturns(CapturedOutput output) {
		CountDownLatch release = new CountDownLatch(1);
		AtomicLong closing = new AtomicLong();
		try {
			this.contextRunner.withPropertyValues("cloudtrace.exporter.type=none")
				.withBean("stuckSpanExporter", SpanExporter.class, () -> new BlockingSpanExporter(release))
				.run((context) -> {
					makeSpans(context);
					closing.set(System.nanoTime());
				});
			// SdkTracerProvider.close() alone would wait 10 s.
			assertThat(Duration.ofNanos(System.nanoTime() - closing.get())).isLessThan(Duration.ofSeconds(5));
			assertThat(output).contains("Tracing did not finish flushing spans within cloudtrace.batch.export-timeout");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void leavesNoTracingThreadBehind() throws Exception {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.exporter.type=cloud-trace,logging",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(), "cloudtrace.batch.export-timeout=10s")
				.run((context) -> {
					makeSpans(context);
					assertThat(tracingThreads(before)).extracting(Thread::getName)
						.filteredOn((name) -> name.startsWith("BatchSpanProcessor_WorkerThread"))
						.hasSize(2);
				});
			assertThat(api.spans()).hasSize(3);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		List<Thread> tracing = tracingThreads(before);
		while (!tracing.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
			tracing = tracingThreads(before);
		}
		assertThat(tracing).as("tracing threads still running after close").isEmpty();
		assertThat(newThreads(before)).as("threads that would keep the JVM alive").allMatch(Thread::isDaemon);
	}

	@Test
	void jvmExitsByItselfWhenMainReturnsAndTheEndpointRefusesConnections() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				"-D" + HttpSenderProvider.class.getName() + "=" + System.getProperty(HttpSenderProvider.class.getName()),
				UnreachableBackendApplication.class.getName(), "http://127.0.0.1:" + unusedPort(), "1s")
			.redirectErrorStream(true)
			.start();
		try {
			CompletableFuture<Long> mainReturned = new CompletableFuture<>();
			StringBuilder output = new StringBuilder();
			Thread reader = new Thread(() -> read(process, output, mainReturned), "child-output");
			reader.setDaemon(true);
			reader.start();
			long returned = mainReturned.get(60, TimeUnit.SECONDS);
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited by itself; output:%n%s", output).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(Duration.ofSeconds(10));
			assertThat(process.exitValue()).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static void read(Process process, StringBuilder output, CompletableFuture<Long> mainReturned) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				synchronized (output) {
					output.append(line).append(System.lineSeparator());
				}
				if (line.equals(UnreachableBackendApplication.MAIN_RETURNS)) {
					mainReturned.complete(System.nanoTime());
				}
			}
			mainReturned.completeExceptionally(new IllegalStateException("main never returned:\n" + output));
		}
		catch (IOException ex) {
			mainReturned.completeExceptionally(ex);
		}
	}

	private static List<Thread> newThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.collect(Collectors.toList());
	}

	private static List<Thread> tracingThreads(Set<Thread> before) {
		return newThreads(before).stream()
			.filter((thread) -> thread.getName().startsWith("BatchSpanProcessor_WorkerThread")
					|| thread.getName().startsWith("jdkhttp-executor")
					|| thread.getName().equals("cloudtrace-trace-tree"))
			.toList();
	}

	private static void makeSpans(ApplicationContext context) {
		Tracer tracer = context.getBean(Tracer.class);
		for (int i = 0; i < 3; i++) {
			tracer.spanBuilder("step-" + i).startSpan().end();
		}
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
