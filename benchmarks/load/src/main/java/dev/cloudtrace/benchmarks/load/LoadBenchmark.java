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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load benchmark: starts every variant of the benchmark application, warms each up
 * until its throughput is stable, measures them in alternating rounds with {@code wrk} on
 * loopback, and prints each figure with its ratio to the no-tracing variant of the same run.
 * It does so for each {@link Shape}: the application in one process, then as two services
 * in two JVMs.
 * <p>
 * Options, as {@code --name=value}: {@code shape} ({@code one-process}, {@code two-service}
 * or {@code both}), {@code apps} (directory of the application modules), {@code out}
 * (working directory), {@code rounds}, {@code measure-seconds},
 * {@code warmup-window-seconds}, {@code warmup-max-seconds}, {@code warmup-tolerance},
 * {@code warmup-jit-share}; for the one-process shape {@code variants} (comma-separated
 * names), {@code startup-samples}, {@code connections}, {@code jvm-options}; for the
 * two-service shape the same names prefixed with {@code two-service-}, and
 * {@code two-service-warmup-max-seconds} (by default {@code warmup-max-seconds}); and
 * {@code profiler}, the path of async-profiler's library, to sample the CPU of the measured
 * rounds, then the allocations of one more round, and print where they go
 * ({@link ProfileBreakdown}).
 */
public final class LoadBenchmark {

	/**
	 * Default length of one warm-up window.
	 */
	static final String WARMUP_WINDOW_SECONDS = "5";

	/**
	 * Default cap of the warm-up.
	 */
	static final int WARMUP_MAX_SECONDS = 75;

	/**
	 * Share of its steady throughput that a variant must hold to count as warm in the
	 * warm-up table.
	 */
	static final double WARM_SHARE = 0.95;

	private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

	private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");

	private final Map<String, String> options;

	private final long started = System.nanoTime();

	private final Path out;

	private final String java = ProcessHandle.current().info().command().orElse("java");

	private Map<String, Results> results = new LinkedHashMap<>();

	private Process receiverProcess;

	// The profiler and where its stacks go, when the option "profiler" names its library.
	private Profiler profiler;

	private Path profiles;

	private LoadBenchmark(Map<String, String> options) {
		this.options = options;
		this.out = Path.of(option("out", "benchmarks/target/load"));
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
		String shapes = option("shape", "both");
		StringBuilder report = new StringBuilder();
		for (Shape shape : Shape.values()) {
			if (!shapes.equals("both") && !shapes.equals(shape.option())) {
				continue;
			}
			if (!report.isEmpty()) {
				report.append('\n');
			}
			report.append(runShape(shape));
		}
		if (report.isEmpty()) {
			throw new IllegalArgumentException("Unknown shape '" + shapes + "': one-process, two-service or both");
		}
		Files.writeString(this.out.resolve("results.md"), report);
		System.out.println();
		System.out.println(report);
		progress("load benchmark done");
	}

	// The options of the two-service shape are those of the one-process shape with a prefix.
	private String shapeOption(Shape shape, String name, String oneProcessDefault, String twoServiceDefault) {
		return (shape == Shape.ONE_PROCESS) ? option(name, oneProcessDefault)
				: option(shape.option() + "-" + name, twoServiceDefault);
	}

	private String runShape(Shape shape) throws Exception {
		Path dir = (shape == Shape.ONE_PROCESS) ? this.out : this.out.resolve(shape.option());
		Files.createDirectories(dir);
		String profilerLibrary = option("profiler", "");
		this.profiler = profilerLibrary.isEmpty() ? null : new Profiler(Path.of(profilerLibrary));
		this.profiles = dir.resolve("profiles");
		Files.createDirectories(this.profiles);
		this.results = new LinkedHashMap<>();
		int rounds = intOption("rounds", 3);
		int startupSamples = Integer.parseInt(shapeOption(shape, "startup-samples", "2", "1"));
		int measureSeconds = intOption("measure-seconds", 6);
		List<String> jvmOptions = Arrays.stream(shapeOption(shape, "jvm-options", "-Xms512m -Xmx512m", "").trim()
			.split("\\s+")).filter((jvmOption) -> !jvmOption.isEmpty()).toList();
		Wrk wrk = new Wrk(dir, 1, Integer.parseInt(shapeOption(shape, "connections", "16", "4")));
		int receiverPort = freePort();
		String receiver = "http://127.0.0.1:" + receiverPort;
		Process receiverProcess = startReceiver(receiverPort, receiver, dir);
		this.receiverProcess = receiverProcess;
		List<Variant> variants = selectVariants(shape, receiver, dir);
		progress("%s shape: %s", shape.option(), variants.stream().map(Variant::name).toList());
		Map<String, Deployment> deployments = new LinkedHashMap<>();
		try {
			for (Variant variant : variants) {
				this.results.put(variant.name(), new Results(variant));
			}
			// Startup: each variant launched alone in turn (the ones already running are idle),
			// the order reversed every sample. The last launch is kept for the load and warmed
			// up at once, so that its warm-up curve starts at its first request.
			for (int sample = 0; sample < startupSamples; sample++) {
				boolean last = sample == startupSamples - 1;
				for (Variant variant : ordered(variants, sample)) {
					Deployment deployment = launch(shape, variant, receiver, jvmOptions, dir, sample);
					double seconds;
					try {
						seconds = deployment.front.awaitFirstAnswer(shape.path(), Duration.ofSeconds(90));
					}
					catch (RuntimeException ex) {
						deployment.stop();
						throw ex;
					}
					long cpuAtFirstAnswer = deployment.cpuNanos();
					long firstAnswerAt = System.nanoTime();
					Results result = this.results.get(variant.name());
					result.requestsSent++;
					result.startup.add(seconds);
					result.bootStartup.add(deployment.front.bootReportedStartup());
					progress("%s started, first answer after %.2f s", variant.name(), seconds);
					if (last) {
						deployments.put(variant.name(), deployment);
						warmUp(deployment, wrk, firstAnswerAt, cpuAtFirstAnswer);
					}
					else {
						deployment.stop();
					}
					Thread.sleep(500);
				}
			}
			for (int round = 0; round < rounds; round++) {
				for (Variant variant : ordered(variants, round)) {
					measure(deployments.get(variant.name()), wrk, measureSeconds, round);
				}
			}
			if (this.profiler != null) {
				for (Variant variant : variants) {
					profileAllocation(deployments.get(variant.name()), wrk, measureSeconds);
				}
			}
			for (Variant variant : variants) {
				heapAfterFullGc(deployments.get(variant.name()));
			}
			// Stopping flushes what the batch span processors still hold.
			for (Deployment deployment : deployments.values()) {
				deployment.stop();
			}
			deployments.clear();
			ReceiverStats exported = ReceiverStats.read(receiver);
			for (Variant variant : variants) {
				Results result = this.results.get(variant.name());
				for (String service : serviceNames(shape, variant)) {
					exported.services()
						.getOrDefault(service, Map.of())
						.forEach((counter, value) -> result.exported.merge(counter, value, Long::sum));
				}
			}
			progress("receiver: %s", exported.totals());
		}
		finally {
			for (Deployment deployment : deployments.values()) {
				deployment.stop();
			}
			receiverProcess.destroy();
			receiverProcess.waitFor(5, TimeUnit.SECONDS);
		}
		Report report = new Report(new ArrayList<>(this.results.values()), this.options);
		StringBuilder section = new StringBuilder();
		if (shape == Shape.TWO_SERVICE) {
			section.append(String.format(Locale.ROOT,
					"Two services: service A's /a runs the annotated method and calls /b of service B, "
							+ "another JVM (JVM options: %s; wrk -t1 -c%s). CPU and allocation are both JVMs'; "
							+ "startup is service A's, launched once B answers.%n%n",
					jvmOptions.isEmpty() ? "none, default heap" : String.join(" ", jvmOptions),
					shapeOption(shape, "connections", "16", "4")));
		}
		section.append(report.render());
		section.append(report.renderWarmUp(shape));
		section.append(report.renderExport());
		if (this.profiler != null) {
			section.append(renderProfiles(shape, variants));
		}
		return section.toString();
	}

	private Deployment launch(Shape shape, Variant variant, String receiver, List<String> jvmOptions, Path dir,
			int sample) throws IOException, InterruptedException {
		String suffix = "-" + (sample + 1) + ".log";
		if (shape == Shape.ONE_PROCESS) {
			int port = freePort();
			RunningApp app = RunningApp.launch(variant, variant.command(this.java, jvmOptions, port, receiver,
					variant.serviceName(), List.of()), port, dir.resolve(variant.name() + suffix));
			return new Deployment(variant, shape, app, null);
		}
		int backPort = freePort();
		RunningApp back = RunningApp.launch(variant, variant.command(this.java, jvmOptions, backPort, receiver,
				variant.serviceName() + "-b", List.of("--benchmark.service=b")), backPort,
				dir.resolve(variant.name() + "-b" + suffix));
		try {
			back.awaitFirstAnswer("/b", Duration.ofSeconds(90));
			int frontPort = freePort();
			RunningApp front = RunningApp.launch(variant,
					variant.command(this.java, jvmOptions, frontPort, receiver, variant.serviceName() + "-a",
							List.of("--benchmark.service=a", "--benchmark.peer=" + back.url(""))),
					frontPort, dir.resolve(variant.name() + "-a" + suffix));
			return new Deployment(variant, shape, front, back);
		}
		catch (IOException | RuntimeException ex) {
			back.stop();
			throw ex;
		}
	}

	private static List<String> serviceNames(Shape shape, Variant variant) {
		return (shape == Shape.ONE_PROCESS) ? List.of(variant.serviceName())
				: List.of(variant.serviceName() + "-a", variant.serviceName() + "-b");
	}

	private List<Variant> selectVariants(Shape shape, String receiver, Path dir) throws Exception {
		Path apps = Path.of(option("apps", "benchmarks/apps"));
		List<Variant> all;
		String defaults;
		if (shape == Shape.ONE_PROCESS) {
			all = Variant.all(apps);
			defaults = String.join(",", all.stream().map(Variant::name).toList());
		}
		else {
			all = Variant.twoService(apps, receiver, FakeServiceAccount.write(dir, receiver + "/token"));
			defaults = "none,cloudtrace,cloudtrace-otlp-gzip,cloudtrace-otlp";
		}
		List<String> names = Arrays.asList(shapeOption(shape, "variants", defaults, defaults).split(","));
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

	private Process startReceiver(int port, String receiver, Path dir) throws Exception {
		String classpath = Path.of(FakeOtlpReceiver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.toString();
		Process process = new ProcessBuilder(this.java, "-Xmx256m", "-cp", classpath, FakeOtlpReceiver.class.getName(),
				Integer.toString(port))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("receiver.log").toFile())
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
	// The windows, from the first request on, are also the warm-up curve. They are successive
	// wrk runs rather than one run with a Lua hook per response: wrk keeps its fast path (a
	// response hook would cost wrk CPU on a machine of 2 cores), /proc is read between windows
	// for the CPU of each, and the gap to start wrk is a few milliseconds of each 5 s.
	private void warmUp(Deployment deployment, Wrk wrk, long firstAnswerAt, long cpuAtFirstAnswer) throws Exception {
		int window = Integer.parseInt(option("warmup-window-seconds", WARMUP_WINDOW_SECONDS));
		// Two JVMs compiling on the same cores may need longer than one.
		String oneProcessMax = option("warmup-max-seconds", Integer.toString(WARMUP_MAX_SECONDS));
		int max = Integer.parseInt(shapeOption(deployment.shape, "warmup-max-seconds", oneProcessMax, oneProcessMax));
		double tolerance = Double.parseDouble(option("warmup-tolerance", "0.03"));
		double jitShare = Double.parseDouble(option("warmup-jit-share", "0.03"));
		Results result = this.results.get(deployment.variant.name());
		List<Double> windows = result.warmupWindows;
		List<Double> jitShares = new ArrayList<>();
		while (windows.size() * window < max) {
			Map<String, Double> threadsBefore = deployment.threadCpu();
			long cpuBefore = deployment.cpuNanos();
			Wrk.Result run = wrk.run(deployment.url(), window);
			long cpuAfter = deployment.cpuNanos();
			double cpu = (cpuAfter - cpuBefore) / 1e9;
			double jit = ThreadCpu.minus(deployment.threadCpu(), threadsBefore).getOrDefault("JIT", 0.0);
			result.requestsSent += run.requests();
			windows.add(run.throughput());
			result.warmupEnds.add((System.nanoTime() - firstAnswerAt) / 1e9);
			result.warmupCpuNanos.add(cpuAfter - cpuAtFirstAnswer);
			jitShares.add((cpu > 0) ? jit / cpu : 1.0);
			int n = windows.size();
			if (n >= 3 && within(windows.get(n - 1), windows.get(n - 2), tolerance)
					&& jitShares.get(n - 1) < jitShare && jitShares.get(n - 2) < jitShare) {
				result.warmedUp = true;
				break;
			}
		}
		progress("%s warmed up in %d s%s: %s req/s, JIT share of CPU %s", deployment.variant.name(),
				windows.size() * window,
				result.warmedUp ? "" : " (not settled at the cap)",
				windows.stream().map((t) -> String.format("%.0f", t)).toList(),
				jitShares.stream().map((t) -> String.format("%.1f%%", t * 100)).toList());
	}

	private static boolean within(double a, double b, double tolerance) {
		return Math.abs(a - b) <= tolerance * Math.max(a, b);
	}

	private void measure(Deployment deployment, Wrk wrk, int seconds, int round) throws Exception {
		// Re-enter the variant after the others ran: connections, caches and thread pools
		// settle before the measured window.
		Results result = this.results.get(deployment.variant.name());
		result.requestsSent += wrk.run(deployment.url(), 1).requests();
		List<GcSampler> gc = deployment.startGcSamplers();
		long cpuBefore = deployment.cpuNanos();
		long receiverCpuBefore = this.receiverCpuNanos();
		Map<String, Double> threadsBefore = deployment.threadCpu();
		MachineCpu machineBefore = MachineCpu.read();
		double[] userAndSystemBefore = null;
		if (this.profiler != null) {
			userAndSystemBefore = userAndSystem(deployment);
			for (RunningApp app : deployment.apps()) {
				this.profiler.startOrResume(app.pid(), round == 0);
			}
		}
		Wrk.Result run = wrk.run(deployment.url(), seconds);
		if (this.profiler != null) {
			double[] userAndSystemAfter = userAndSystem(deployment);
			result.profiledUserSeconds += userAndSystemAfter[0] - userAndSystemBefore[0];
			result.profiledSystemSeconds += userAndSystemAfter[1] - userAndSystemBefore[1];
			result.profiles.clear();
			result.profiles.addAll(stopProfiles(deployment, false));
			result.profiledRequests += run.requests();
		}
		MachineCpu machineAfter = MachineCpu.read();
		Map<String, Double> threads = ThreadCpu.minus(deployment.threadCpu(), threadsBefore);
		long cpu = deployment.cpuNanos() - cpuBefore;
		long receiverCpu = this.receiverCpuNanos() - receiverCpuBefore;
		long allocated = Deployment.stopGcSamplers(gc);
		// What neither the application, nor wrk, nor the receiver used: other processes of the
		// machine (and jstat, whose share is small).
		double otherCores = Math.max(0, machineAfter.busySeconds() - machineBefore.busySeconds() - cpu / 1e9
				- receiverCpu / 1e9 - run.cpuSeconds()) / run.seconds();
		result.requestsSent += run.requests();
		result.measurements.add(new Measurement(run, allocated, cpu, otherCores, threads));
		progress("round %d %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %.0f MB/s allocated, %.0f µs CPU/request, "
				+ "other processes %.2f cores%s", round + 1, deployment.variant.name(), run.throughput(), run.p50Millis(),
				run.p99Millis(), allocated / run.seconds() / 1e6, cpu / 1000.0 / run.requests(), otherCores,
				(run.errors() > 0) ? ", " + run.errors() + " errors" : "");
	}

	// A round of its own after the measured ones: sampling allocations slows the application a
	// little, and its throughput is not reported.
	private void profileAllocation(Deployment deployment, Wrk wrk, int seconds) throws Exception {
		Results result = this.results.get(deployment.variant.name());
		result.requestsSent += wrk.run(deployment.url(), 1).requests();
		for (RunningApp app : deployment.apps()) {
			this.profiler.startAllocation(app.pid());
		}
		Wrk.Result run = wrk.run(deployment.url(), seconds);
		result.allocationProfiles.clear();
		result.allocationProfiles.addAll(stopProfiles(deployment, true));
		result.requestsSent += run.requests();
		result.allocationProfiledRequests = run.requests();
		progress("%s allocation profile: %d requests", deployment.variant.name(), run.requests());
	}

	// Stops the profiler in each JVM of the deployment and returns the files of their stacks.
	private List<Path> stopProfiles(Deployment deployment, boolean allocation) throws Exception {
		List<RunningApp> apps = deployment.apps();
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < apps.size(); i++) {
			Path file = this.profiles
				.resolve(deployment.variant.name() + "-" + i + (allocation ? "-alloc" : "") + ".collapsed");
			if (allocation) {
				this.profiler.stopAllocation(apps.get(i).pid(), file);
			}
			else {
				this.profiler.stop(apps.get(i).pid(), file);
			}
			files.add(file);
		}
		return files;
	}

	private static double[] userAndSystem(Deployment deployment) throws IOException {
		double[] total = new double[2];
		for (RunningApp app : deployment.apps()) {
			double[] process = ThreadCpu.userAndSystem(app.pid());
			total[0] += process[0];
			total[1] += process[1];
		}
		return total;
	}

	private String renderProfiles(Shape shape, List<Variant> variants) throws IOException {
		List<ProfileBreakdown.Profile> profiles = new ArrayList<>();
		for (Variant variant : variants) {
			Results result = this.results.get(variant.name());
			long requests = Math.max(1, result.profiledRequests);
			profiles.add(new ProfileBreakdown.Profile(variant.name(), ProfileBreakdown.samples(result.profiles),
					result.profiledUserSeconds * 1e6 / requests, result.profiledSystemSeconds * 1e6 / requests));
		}
		return String.format(Locale.ROOT, "%nWhere the CPU of a request goes (%s shape; the measured rounds; user and "
				+ "system CPU of %s from /proc, the user CPU split by async-profiler's samples of every thread, "
				+ "event cpu every 1 ms, each sample in the first category that matches it; stacks in %s):%n%n",
				shape.option(), (shape == Shape.TWO_SERVICE) ? "both JVMs" : "the JVM", this.profiles)
				+ ProfileBreakdown.render(profiles) + renderAllocationProfiles(shape, variants);
	}

	private String renderAllocationProfiles(Shape shape, List<Variant> variants) throws IOException {
		List<ProfileBreakdown.Allocation> allocations = new ArrayList<>();
		for (Variant variant : variants) {
			Results result = this.results.get(variant.name());
			allocations.add(new ProfileBreakdown.Allocation(variant.name(),
					ProfileBreakdown.samples(result.allocationProfiles), Math.max(1, result.allocationProfiledRequests)));
		}
		return String.format(Locale.ROOT, "%nWhere the allocation of a request goes (%s shape; a round of its own after "
				+ "the measured ones; async-profiler's allocation samples of %s, one per %d KB, weighted by the bytes "
				+ "they stand for, each in the first category that matches it):%n%n", shape.option(),
				(shape == Shape.TWO_SERVICE) ? "both JVMs" : "the JVM", Profiler.ALLOCATION_INTERVAL_BYTES / 1024)
				+ ProfileBreakdown.renderAllocation(allocations);
	}

	// In the two-service shape, the sum of both JVMs.
	private void heapAfterFullGc(Deployment deployment) throws Exception {
		Results result = this.results.get(deployment.variant.name());
		result.heapAfterGcBytes = 0;
		result.metaspaceBytes = 0;
		for (RunningApp app : deployment.apps()) {
			jcmd(app.pid(), "GC.run");
			jcmd(app.pid(), "GC.run");
			String info = jcmd(app.pid(), "GC.heap_info");
			Matcher heap = HEAP_USED.matcher(info);
			Matcher metaspace = METASPACE_USED.matcher(info);
			result.heapAfterGcBytes = (heap.find() && result.heapAfterGcBytes >= 0)
					? result.heapAfterGcBytes + Long.parseLong(heap.group(1)) * 1024 : -1;
			result.metaspaceBytes = (metaspace.find() && result.metaspaceBytes >= 0)
					? result.metaspaceBytes + Long.parseLong(metaspace.group(1)) * 1024 : -1;
		}
		progress("%s heap after full GC %.1f MB, metaspace %.1f MB", deployment.variant.name(),
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

		// Seconds from the first answer to the end of each warm-up window.
		final List<Double> warmupEnds = new ArrayList<>();

		// CPU time of the variant's processes from the first answer to the end of each window.
		final List<Long> warmupCpuNanos = new ArrayList<>();

		boolean warmedUp;

		final List<Measurement> measurements = new ArrayList<>();

		long heapAfterGcBytes = -1;

		long metaspaceBytes = -1;

		// Every request the variant answered: startup probes, warm-up and measured windows.
		long requestsSent;

		// Requests of the rounds that the profiler sampled, and the processes' user and system CPU
		// seconds over those rounds.
		long profiledRequests;

		double profiledUserSeconds;

		double profiledSystemSeconds;

		final List<Path> profiles = new ArrayList<>();

		// The allocation profile's stacks, and the requests of its round.
		final List<Path> allocationProfiles = new ArrayList<>();

		long allocationProfiledRequests;

		// What the receiver got from the variant over the whole run, its shutdown included.
		final Map<String, Long> exported = new LinkedHashMap<>();

		Results(Variant variant) {
			this.variant = variant;
		}

	}

}
