package dev.cloudtrace.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One variant of the benchmark application: how to launch it.
 *
 * @param name short name, as on the command line
 * @param label name in the tables
 * @param jar the executable jar
 * @param javaAgent the Java agent jar, or {@code null}
 * @param traced whether the variant exports spans
 * @param arguments application arguments on top of the variant's own properties
 */
record Variant(String name, String label, Path jar, Path javaAgent, boolean traced, List<String> arguments) {

	static final String BASELINE = "none";

	/**
	 * The variant that the targets are checked for.
	 */
	static final String OURS = "cloudtrace";

	/**
	 * Return the variants of the one-process shape in their default order, the baseline
	 * first.
	 * @param appsDir the directory of the application modules
	 * @return every variant
	 */
	static List<Variant> all(Path appsDir) {
		return List.of(new Variant(BASELINE, "no tracing", jar(appsDir, BASELINE), null, false, List.of()),
				new Variant(OURS, "this starter", jar(appsDir, OURS), null, true, List.of()), peer(appsDir, "otel-starter"),
				peer(appsDir, "boot-otel"), peer(appsDir, "agent"));
	}

	/**
	 * Return the variants of the two-service shape: the baseline, this starter with its default
	 * exporter ({@code cloud-trace}: OTLP/HTTP, uncompressed by default, a Bearer token from a
	 * service-account key whose token endpoint is the receiver) and with the {@code otlp}
	 * exporter with and without gzip, all with a batch delay of 200 ms, then the peers with
	 * their own defaults.
	 * @param appsDir the directory of the application modules
	 * @param receiver base URL of the OTLP receiver, which also answers as the token endpoint
	 * @param keyFile the service-account key file that points at the receiver's token endpoint
	 * @return every variant
	 */
	static List<Variant> twoService(Path appsDir, String receiver, Path keyFile) {
		List<String> batch = List.of("--cloudtrace.batch.schedule-delay=200ms");
		List<String> cloudTrace = new ArrayList<>(List.of("--cloudtrace.exporter.type=cloud-trace",
				"--cloudtrace.exporter.cloud-trace.endpoint=" + receiver,
				"--cloudtrace.credentials.location=file:" + keyFile.toAbsolutePath()));
		cloudTrace.addAll(batch);
		List<String> otlpGzip = new ArrayList<>(List.of("--cloudtrace.exporter.otlp.compression=gzip"));
		otlpGzip.addAll(batch);
		List<String> otlp = new ArrayList<>(List.of("--cloudtrace.exporter.otlp.compression=none"));
		otlp.addAll(batch);
		return List.of(new Variant(BASELINE, "no tracing", jar(appsDir, BASELINE), null, false, List.of()),
				new Variant(OURS, "this starter, cloud-trace (Bearer token)", jar(appsDir, OURS), null, true,
						List.copyOf(cloudTrace)),
				new Variant("cloudtrace-otlp-gzip", "this starter, otlp with gzip", jar(appsDir, OURS), null, true,
						List.copyOf(otlpGzip)),
				new Variant("cloudtrace-otlp", "this starter, otlp uncompressed", jar(appsDir, OURS), null, true,
						List.copyOf(otlp)),
				peer(appsDir, "otel-starter"), peer(appsDir, "boot-otel"), peer(appsDir, "agent"));
	}

	private static Variant peer(Path appsDir, String name) {
		return switch (name) {
			case "otel-starter" -> new Variant(name, "OpenTelemetry starter 2.31.1", jar(appsDir, name), null, true,
					List.of());
			case "boot-otel" -> new Variant(name, "spring-boot-starter-opentelemetry", jar(appsDir, name), null, true,
					List.of());
			case "agent" -> new Variant(name, "OpenTelemetry Java agent 2.31.1", jar(appsDir, name),
					appsDir.resolve("agent/target/opentelemetry-javaagent.jar"), true, List.of());
			default -> throw new IllegalArgumentException(name);
		};
	}

	/**
	 * Return whether this is another library than this starter, which the targets compare
	 * this starter with.
	 * @return whether this is a traced peer
	 */
	boolean peer() {
		return this.traced && !this.name.startsWith(OURS);
	}

	/**
	 * Return the {@code service.name} of this variant's spans, which tells the receiver whose
	 * they are.
	 * @return the service name
	 */
	String serviceName() {
		return "bench-" + this.name;
	}

	private static Path jar(Path appsDir, String name) {
		return appsDir.resolve(name + "/target/benchmark-app-" + name + ".jar");
	}

	/**
	 * Return the command that starts this variant.
	 * @param java the java launcher
	 * @param jvmOptions options common to every variant
	 * @param port the HTTP port of the application
	 * @param receiver base URL of the OTLP receiver
	 * @param serviceName the {@code service.name} of the process
	 * @param shapeArguments application arguments of the shape, such as the service's role
	 * @return the command
	 */
	List<String> command(String java, List<String> jvmOptions, int port, String receiver, String serviceName,
			List<String> shapeArguments) {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		if (this.javaAgent != null) {
			// The agent reads its configuration from system properties; the same settings as the
			// OpenTelemetry starter's: traces only, every one sampled, OTLP/HTTP to the receiver.
			command.add("-javaagent:" + this.javaAgent);
			command.add("-Dotel.service.name=" + serviceName);
			command.add("-Dotel.traces.sampler=parentbased_always_on");
			command.add("-Dotel.traces.exporter=otlp");
			command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
			command.add("-Dotel.exporter.otlp.endpoint=" + receiver);
			command.add("-Dotel.metrics.exporter=none");
			command.add("-Dotel.logs.exporter=none");
		}
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.port=" + port);
		command.add("--benchmark.receiver=" + receiver);
		command.add("--spring.application.name=" + serviceName);
		command.addAll(shapeArguments);
		command.addAll(this.arguments);
		return command;
	}

}
