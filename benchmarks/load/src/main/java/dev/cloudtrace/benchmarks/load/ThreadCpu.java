package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a process's threads by group, from {@code /proc/PID/task/TID}: which threads
 * spend the CPU that a variant adds over the application without tracing.
 */
final class ThreadCpu {

	/**
	 * Thread groups, by the prefix of the thread's name (as the kernel keeps it, at most 15
	 * characters).
	 */
	static final Map<String, String> GROUPS = new LinkedHashMap<>();

	static {
		GROUPS.put("http-nio-", "request threads");
		GROUPS.put("HttpClient-", "HTTP client threads");
		GROUPS.put("BatchSpanProce", "span export");
		GROUPS.put("jdkhttp-executo", "span export");
		GROUPS.put("OkHttp", "span export");
		GROUPS.put("otel-", "span export");
		GROUPS.put("GC Thread", "GC");
		GROUPS.put("G1 ", "GC");
		GROUPS.put("C1 CompilerThre", "JIT");
		GROUPS.put("C2 CompilerThre", "JIT");
	}

	static final String OTHER = "other";

	private ThreadCpu() {
	}

	/**
	 * Reads the CPU time of every thread of a process.
	 * @param pid the process
	 * @return seconds by thread, keyed by thread id and group
	 */
	static Map<String, Double> read(long pid) throws IOException {
		Map<String, Double> seconds = new LinkedHashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					String name = Files.readString(task.resolve("comm")).trim();
					String stat = Files.readString(task.resolve("stat"));
					// The name, in parentheses, may hold spaces: the fields to count start after it.
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
					seconds.put(task.getFileName() + " " + group(name), cpu);
				}
				catch (IOException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		return seconds;
	}

	/**
	 * Reads the user and the system (kernel) CPU time of a process, in seconds.
	 * @param pid the process
	 * @return user seconds, then system seconds
	 */
	static double[] userAndSystem(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new double[] { Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0 };
	}

	private static String group(String threadName) {
		for (Map.Entry<String, String> group : GROUPS.entrySet()) {
			if (threadName.startsWith(group.getKey())) {
				return group.getValue();
			}
		}
		return OTHER;
	}

	/**
	 * Returns the CPU time each group of threads used between two readings. A thread that
	 * ended in between is not counted.
	 * @param after the later reading
	 * @param before the earlier reading
	 * @return seconds by group
	 */
	static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
		Map<String, Double> difference = new LinkedHashMap<>();
		after.forEach((thread, value) -> difference.merge(thread.substring(thread.indexOf(' ') + 1),
				value - before.getOrDefault(thread, 0.0), Double::sum));
		return difference;
	}

}
