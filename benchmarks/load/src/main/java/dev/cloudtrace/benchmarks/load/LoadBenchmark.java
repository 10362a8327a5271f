package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark: starts every variant of the benchmark application, warms each up
 * until its throughput is stable, measures them in alternating rounds with {@code wrk} on
 * loopback, and prints each figure with its ratio to the no-tracing variant of the same run.
 * <p>
 * Options, as {@code --name=value}: {@code apps} (directory of the application modules),
 * {@code out} (working directory), {@code variants} (comma-separated names), {@code rounds},
 * {@code startup-samples}, {@code measure-seconds}, {@code warmup-window-seconds},
 * {@code warmup-max-seconds}, {@code warmup-tolerance}, {@code warmup-jit-share},
 * {@code connections}, {@code jvm-options}.
 */
public final class LoadBenchmark {

	/**
	 * Default length of one warm-up window.
	 */
	static final String WARMUP_WINDOW_SECONDS = "4";

	private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

	private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");

	private final Map<String, String> options;

	private final long started = System.nanoTime();

	private final Path out;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private final List<String> jvmOptions;

	private final Map<String, Results> results = new LinkedHashMap<>();

	private Process receiverProcess;

	private LoadBenchmark(Map<String, String> options) {
		this.options = options;
		this.out = Path.of(option("out", "benchmarks/target/load"));
		this.jvmOptions = Arrays.asList(option("jvm-options", "-Xms512m -Xmx512m").trim().split("\\s+"));
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		new LoadBenchmark(options).run();
	}

	private String option(String name, String defaultValue) {
		return this.options.getOrDefault(name, defaultValue);
	}

	private int intOption(String name, int defaultValue) {
		return Integer.parseInt(option(name, Integer.toString(defaultValue)));
	}

	private void run() throws Exception {
		Files.createDirectories(this.out);
		List<Variant> variants = selectVariants();
		int rounds = intOption("rounds", 3);
		int startupSamples = intOption("startup-samples", 2);
		int measureSeconds = intOption("measure-seconds", 6);
		Wrk wrk = new Wrk(this.out, 1, intOption("connections", 16));
		int receiverPort = freePort();
		String receiver = "http://127.0.0.1:" + receiverPort;
		Process receiverProcess = startReceiver(receiverPort, receiver);
		this.receiverProcess = receiverProcess;
		Map<String, RunningApp> apps = new LinkedHashMap<>();
		try {
			Map<String, Integer> ports = new LinkedHashMap<>();
			for (Variant variant : variants) {
				this.results.put(variant.name(), new Results(variant));
				ports.put(variant.name(), freePort());
			}
			// Startup: each variant launched alone in turn (the ones already running are idle),
			// the order reversed every sample; the last launch is kept for the load.
			for (int sample = 0; sample < startupSamples; sample++) {
				boolean last = sample == startupSamples - 1;
				for (Variant variant : ordered(variants, sample)) {
					Path log = this.out.resolve(variant.name() + "-" + (sample + 1) + ".log");
					int port = ports.get(variant.name());
					RunningApp app = RunningApp.launch(variant,
							variant.command(this.java, this.jvmOptions, port, receiver), port, log);
					double seconds = app.awaitFirstAnswer(Duration.ofSeconds(90));
					Results result = this.results.get(variant.name());
					result.requestsSent++;
					result.startup.add(seconds);
					result.bootStartup.add(app.bootReportedStartup());
					progress("%s started, first answer after %.2f s", variant.name(), seconds);
					if (last) {
						apps.put(variant.name(), app);
					}
					else {
						app.stop();
					}
					Thread.sleep(500);
				}
			}
			for (Variant variant : variants) {
				warmUp(apps.get(variant.name()), wrk);
			}
			for (int round = 0; round < rounds; round++) {
				for (Variant variant : ordered(variants, round)) {
					measure(apps.get(variant.name()), wrk, measureSeconds, round);
				}
			}
			for (Variant variant : variants) {
				heapAfterFullGc(apps.get(variant.name()));
			}
			// Stopping flushes what the batch span processors still hold.
			for (RunningApp app : apps.values()) {
				app.stop();
			}
			apps.clear();
			ReceiverStats exported = ReceiverStats.read(receiver);
			for (Variant variant : variants) {
				this.results.get(variant.name()).exported = exported.services()
					.getOrDefault(variant.serviceName(), Map.of());
			}
		}
		finally {
			for (RunningApp app : apps.values()) {
				app.stop();
			}
			receiverProcess.destroy();
			receiverProcess.waitFor(5, TimeUnit.SECONDS);
		}
		String report = new Report(new ArrayList<>(this.results.values()), this.options).render();
		Files.writeString(this.out.resolve("results.md"), report);
		System.out.println();
		System.out.println(report);
		progress("load benchmark done");
	}

	private List<Variant> selectVariants() {
		List<Variant> all = Variant.all(Path.of(option("apps", "benchmarks/apps")));
		List<String> names = Arrays.asList(
				option("variants", String.join(",", all.stream().map(Variant::name).toList())).split(","));
		if (!names.contains(Variant.BASELINE)) {
			throw new IllegalArgumentException("The variants must include the baseline '" + Variant.BASELINE + "'");
		}
		List<Variant> selected = all.stream().filter((variant) -> names.contains(variant.name())).toList();
		for (Variant variant : selected) {
			if (!Files.isRegularFile(variant.jar())
					|| (variant.javaAgent() != null && !Files.isRegularFile(variant.javaAgent()))) {
				throw new IllegalStateException("Missing " + variant.jar() + " or its agent: build with "
						+ "mvn -B -q -Pbenchmarks -DskipTests package");
			}
		}
		return selected;
	}

	// Reversed every other time, so that a slow drift of the machine favours no variant.
	private static List<Variant> ordered(List<Variant> variants, int pass) {
		List<Variant> ordered = new ArrayList<>(variants);
		if (pass % 2 == 1) {
			Collections.reverse(ordered);
		}
		return ordered;
	}

	private Process startReceiver(int port, String receiver) throws Exception {
		String classpath = Path.of(FakeOtlpReceiver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		Process process = new ProcessBuilder(this.java, "-Xmx256m", "-cp", classpath, FakeOtlpReceiver.class.getName(),
				Integer.toString(port))
			.redirectErrorStream(true)
			.redirectOutput(this.out.resolve("receiver.log").toFile())
			.start();
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < 200; i++) {
			try {
				http.send(HttpRequest.newBuilder(URI.create(receiver + "/stats")).build(),
						HttpResponse.BodyHandlers.discarding());
				return process;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("The fake OTLP receiver did not start");
	}

	// Warmed up when two successive windows agree on throughput and the JIT compiler threads
	// used almost nothing in either: throughput alone can look flat for 15 s while a traced
	// application is still compiling, and then climb by half.
	private void warmUp(RunningApp app, Wrk wrk) throws Exception {
		int window = Integer.parseInt(option("warmup-window-seconds", WARMUP_WINDOW_SECONDS));
		int max = intOption("warmup-max-seconds", 72);
		double tolerance = Double.parseDouble(option("warmup-tolerance", "0.03"));
		double jitShare = Double.parseDouble(option("warmup-jit-share", "0.03"));
		Results result = this.results.get(app.variant.name());
		List<Double> windows = result.warmupWindows;
		List<Double> jitShares = new ArrayList<>();
		while (windows.size() * window < max) {
			Map<String, Double> threadsBefore = ThreadCpu.read(app.pid());
			long cpuBefore = app.cpuNanos();
			Wrk.Result run = wrk.run(app.url("/front"), window);
			double cpu = (app.cpuNanos() - cpuBefore) / 1e9;
			double jit = ThreadCpu.minus(ThreadCpu.read(app.pid()), threadsBefore).getOrDefault("JIT", 0.0);
			result.requestsSent += run.requests();
			windows.add(run.throughput());
			jitShares.add((cpu > 0) ? jit / cpu : 1.0);
			int n = windows.size();
			if (n >= 3 && within(windows.get(n - 1), windows.get(n - 2), tolerance)
					&& jitShares.get(n - 1) < jitShare && jitShares.get(n - 2) < jitShare) {
				result.warmedUp = true;
				break;
			}
		}
		progress("%s warmed up in %d s%s: %s req/s, JIT share of CPU %s", app.variant.name(), windows.size() * window,
				result.warmedUp ? "" : " (not settled at the cap)",
				windows.stream().map((t) -> String.format("%.0f", t)).toList(),
				jitShares.stream().map((t) -> String.format("%.1f%%", t * 100)).toList());
	}

	private static boolean within(double a, double b, double tolerance) {
		return Math.abs(a - b) <= tolerance * Math.max(a, b);
	}

	private void measure(RunningApp app, Wrk wrk, int seconds, int round) throws Exception {
		// Re-enter the variant after the others ran: connections, caches and thread pools
		// settle before the measured window.
		Results result = this.results.get(app.variant.name());
		result.requestsSent += wrk.run(app.url("/front"), 1).requests();
		GcSampler gc = GcSampler.start(app.pid());
		long cpuBefore = app.cpuNanos();
		long receiverCpuBefore = this.receiverCpuNanos();
		Map<String, Double> threadsBefore = ThreadCpu.read(app.pid());
		MachineCpu machineBefore = MachineCpu.read();
		Wrk.Result run = wrk.run(app.url("/front"), seconds);
		MachineCpu machineAfter = MachineCpu.read();
		Map<String, Double> threads = ThreadCpu.minus(ThreadCpu.read(app.pid()), threadsBefore);
		long cpu = app.cpuNanos() - cpuBefore;
		long receiverCpu = this.receiverCpuNanos() - receiverCpuBefore;
		long allocated = gc.stop();
		// What neither the application, nor wrk, nor the receiver used: other processes of the
		// machine (and jstat, whose share is small).
		double otherCores = Math.max(0, machineAfter.busySeconds() - machineBefore.busySeconds() - cpu / 1e9
				- receiverCpu / 1e9 - run.cpuSeconds()) / run.seconds();
		result.requestsSent += run.requests();
		result.measurements.add(new Measurement(run, allocated, cpu, otherCores, threads));
		progress("round %d %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %.0f MB/s allocated, %.0f µs CPU/request, "
				+ "other processes %.2f cores%s", round + 1, app.variant.name(), run.throughput(), run.p50Millis(),
				run.p99Millis(), allocated / run.seconds() / 1e6, cpu / 1000.0 / run.requests(), otherCores,
				(run.errors() > 0) ? ", " + run.errors() + " errors" : "");
	}

	private void heapAfterFullGc(RunningApp app) throws Exception {
		jcmd(app.pid(), "GC.run");
		jcmd(app.pid(), "GC.run");
		String info = jcmd(app.pid(), "GC.heap_info");
		Results result = this.results.get(app.variant.name());
		Matcher heap = HEAP_USED.matcher(info);
		Matcher metaspace = METASPACE_USED.matcher(info);
		result.heapAfterGcBytes = heap.find() ? Long.parseLong(heap.group(1)) * 1024 : -1;
		result.metaspaceBytes = metaspace.find() ? Long.parseLong(metaspace.group(1)) * 1024 : -1;
		progress("%s heap after full GC %.1f MB, metaspace %.1f MB", app.variant.name(),
				result.heapAfterGcBytes / 1048576.0, result.metaspaceBytes / 1048576.0);
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		return output;
	}

	private long receiverCpuNanos() {
		return this.receiverProcess.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void progress(String format, Object... args) {
		System.err.printf("[load %4.0fs] %s%n", (System.nanoTime() - this.started) / 1e9, String.format(format, args));
	}

	/**
	 * One measured window of one variant.
	 *
	 * @param wrk what the load generator saw
	 * @param allocatedBytes bytes allocated by the application meanwhile
	 * @param cpuNanos CPU time used by the application meanwhile
	 * @param otherCores CPU used meanwhile by processes other than the application, wrk and
	 * the receiver, in cores
	 * @param threadCpu CPU seconds used by the application's threads meanwhile, by group
	 */
	record Measurement(Wrk.Result wrk, long allocatedBytes, long cpuNanos, double otherCores,
			Map<String, Double> threadCpu) {

	}

	/**
	 * Everything measured for one variant.
	 */
	static final class Results {

		final Variant variant;

		final List<Double> startup = new ArrayList<>();

		final List<Double> bootStartup = new ArrayList<>();

		final List<Double> warmupWindows = new ArrayList<>();

		boolean warmedUp;

		final List<Measurement> measurements = new ArrayList<>();

		long heapAfterGcBytes = -1;

		long metaspaceBytes = -1;

		// Every request the variant answered: startup probes, warm-up and measured windows.
		long requestsSent;

		// What the receiver got from the variant over the whole run, its shutdown included.
		Map<String, Long> exported = Map.of();

		Results(Variant variant) {
			this.variant = variant;
		}

	}

}
