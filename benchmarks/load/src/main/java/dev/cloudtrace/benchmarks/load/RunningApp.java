package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A launched process of a variant: its process, port and log.
 */
final class RunningApp {

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	final Variant variant;

	final int port;

	final Path log;

	private final Process process;

	private final long launchedAt;

	private RunningApp(Variant variant, int port, Path log, Process process, long launchedAt) {
		this.variant = variant;
		this.port = port;
		this.log = log;
		this.process = process;
		this.launchedAt = launchedAt;
	}

	static RunningApp launch(Variant variant, List<String> command, int port, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		long launchedAt = System.nanoTime();
		return new RunningApp(variant, port, log, builder.start(), launchedAt);
	}

	long pid() {
		return this.process.pid();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/**
	 * Polls a path until it answers 200.
	 * @param path the path, such as {@code /front}
	 * @param timeout how long to wait at most
	 * @return seconds from the launch of the JVM to the first successful answer
	 */
	double awaitFirstAnswer(String path, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.variant.name() + " exited with " + this.process.exitValue()
						+ " before answering; see " + this.log);
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return (System.nanoTime() - this.launchedAt) / 1e9;
				}
				throw new IllegalStateException(this.variant.name() + " answered " + response.statusCode() + ": "
						+ response.body() + "; see " + this.log);
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException(this.variant.name() + " did not answer within " + timeout + "; see " + this.log);
	}

	/**
	 * Return Spring Boot's own figure: seconds from the start of the JVM to the end of
	 * {@code SpringApplication.run}, from its "Started ... (process running for ...)" line.
	 * @return the seconds, or NaN if the line is not in the log
	 */
	double bootReportedStartup() throws IOException {
		Matcher matcher = STARTED.matcher(Files.readString(this.log));
		return matcher.find() ? Double.parseDouble(matcher.group(2)) : Double.NaN;
	}

	/**
	 * Return the CPU time the process has used so far.
	 * @return nanoseconds
	 */
	long cpuNanos() {
		return this.process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	void stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
	}

}
