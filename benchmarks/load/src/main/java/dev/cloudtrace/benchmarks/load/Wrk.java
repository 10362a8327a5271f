package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} load generator and reads its summary, printed by a Lua
 * {@code done} hook in microseconds rather than wrk's rounded text.
 */
final class Wrk {

	private static final String SCRIPT = """
			done = function(summary, latency, requests)
			  local e = summary.errors
			  io.write(string.format("RESULT requests=%d duration=%d errors=%d p50=%d p99=%d\\n",
			    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
			    latency:percentile(50), latency:percentile(99)))
			end
			""";

	private static final Pattern RESULT = Pattern
		.compile("RESULT requests=(\\d+) duration=(\\d+) errors=(\\d+) p50=(\\d+) p99=(\\d+)");

	private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

	private final Path script;

	private final int threads;

	private final int connections;

	Wrk(Path workDir, int threads, int connections) throws IOException {
		this.script = workDir.resolve("wrk-summary.lua");
		Files.writeString(this.script, SCRIPT, StandardCharsets.UTF_8);
		this.threads = threads;
		this.connections = connections;
	}

	Result run(String url, int seconds) throws IOException, InterruptedException {
		// Through bash, whose "times" then prints the CPU time that wrk used.
		Process process = new ProcessBuilder(List.of("bash", "-c", "wrk \"$@\" && times", "wrk", "-t" + this.threads,
				"-c" + this.connections, "-d" + seconds + "s", "--timeout", "10s", "-s", this.script.toString(), url))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		Matcher matcher = RESULT.matcher(output);
		if (exit != 0 || !matcher.find()) {
			throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
		}
		long requests = Long.parseLong(matcher.group(1));
		double durationSeconds = Long.parseLong(matcher.group(2)) / 1e6;
		Matcher times = TIMES.matcher(output);
		double cpuSeconds = 0;
		while (times.find()) {
			// The last line of "times" is the children's: wrk's user and system time.
			cpuSeconds = minutesAndSeconds(times.group(1), times.group(2)) + minutesAndSeconds(times.group(3), times.group(4));
		}
		return new Result(requests, durationSeconds, Long.parseLong(matcher.group(3)),
				Long.parseLong(matcher.group(4)) / 1000.0, Long.parseLong(matcher.group(5)) / 1000.0, cpuSeconds);
	}

	private static double minutesAndSeconds(String minutes, String seconds) {
		return Integer.parseInt(minutes) * 60 + Double.parseDouble(seconds);
	}

	/**
	 * What one wrk run measured.
	 *
	 * @param requests completed requests
	 * @param seconds duration of the run
	 * @param errors socket errors, timeouts and non-2xx/3xx answers
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param cpuSeconds CPU time that wrk itself used
	 */
	record Result(long requests, double seconds, long errors, double p50Millis, double p99Millis, double cpuSeconds) {

		double throughput() {
			return this.requests / this.seconds;
		}

	}

}
