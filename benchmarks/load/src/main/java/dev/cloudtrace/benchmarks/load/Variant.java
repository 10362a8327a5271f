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
 */
record Variant(String name, String label, Path jar, Path javaAgent, boolean traced) {

	static final String BASELINE = "none";

	/**
	 * Return the variants in their default order, the baseline first.
	 * @param appsDir the directory of the application modules
	 * @return every variant
	 */
	static List<Variant> all(Path appsDir) {
		return List.of(new Variant(BASELINE, "no tracing", jar(appsDir, BASELINE), null, false),
				new Variant("cloudtrace", "this starter", jar(appsDir, "cloudtrace"), null, true),
				new Variant("otel-starter", "OpenTelemetry starter 2.31.1", jar(appsDir, "otel-starter"), null, true),
				new Variant("boot-otel", "spring-boot-starter-opentelemetry", jar(appsDir, "boot-otel"), null, true),
				new Variant("agent", "OpenTelemetry Java agent 2.31.1", jar(appsDir, "agent"),
						appsDir.resolve("agent/target/opentelemetry-javaagent.jar"), true));
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
	 * @return the command
	 */
	List<String> command(String java, List<String> jvmOptions, int port, String receiver) {
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		if (this.javaAgent != null) {
			// The agent reads its configuration from system properties; the same settings as the
			// OpenTelemetry starter's: traces only, every one sampled, OTLP/HTTP to the receiver.
			command.add("-javaagent:" + this.javaAgent);
			command.add("-Dotel.service.name=" + serviceName());
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
		command.add("--spring.application.name=" + serviceName());
		return command;
	}

}
