package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;

/**
 * async-profiler (from Maven Central's {@code tools.profiler:async-profiler}), loaded into a
 * running JVM with {@code jcmd JVMTI.agent_load} for the measured rounds only: CPU samples of
 * every thread, kept as collapsed stacks with the thread's name as the root frame. The
 * {@code cpu} event samples every millisecond of a thread's CPU time, at any point of the code
 * (not only at safepoints), from perf events: user space only where the kernel's
 * {@code perf_event_paranoid} is 2, as here. ({@code itimer} and {@code ctimer} need no perf
 * events, but fire at the kernel's tick, every 4 ms here, and so see a quarter of the samples.)
 * In a round of its own, it samples allocations instead ({@code event=alloc}, from the TLAB
 * callbacks of the JVM), and writes the bytes each stack allocated.
 */
final class Profiler {

	/**
	 * Sampling interval: one sample per millisecond of CPU time.
	 */
	static final long INTERVAL_NANOS = 1_000_000;

	/**
	 * Allocation sampling interval: one sample per 128 KB allocated, a few thousand samples
	 * per JVM in a round of a few seconds.
	 */
	static final long ALLOCATION_INTERVAL_BYTES = 128 * 1024;

	private final Path library;

	Profiler(Path library) {
		this.library = library.toAbsolutePath();
	}

	/**
	 * Starts sampling a process, or resumes it (keeping the samples so far) after the first
	 * round.
	 */
	void startOrResume(long pid, boolean first) throws IOException, InterruptedException {
		command(pid, (first ? "start" : "resume") + ",event=cpu,interval=" + INTERVAL_NANOS + ",threads");
	}

	/**
	 * Stops sampling and writes every sample so far.
	 */
	void stop(long pid, Path file) throws IOException, InterruptedException {
		command(pid, "stop,file=" + file.toAbsolutePath() + ",collapsed");
	}

	/**
	 * Starts sampling a process's allocations, afresh: one sample per
	 * {@link #ALLOCATION_INTERVAL_BYTES} allocated, weighted by the bytes it stands for.
	 */
	void startAllocation(long pid) throws IOException, InterruptedException {
		command(pid, "start,event=alloc,alloc=" + ALLOCATION_INTERVAL_BYTES + ",threads");
	}

	/**
	 * Stops sampling allocations and writes the bytes allocated by each stack (whose last
	 * frame is the allocated type).
	 */
	void stopAllocation(long pid, Path file) throws IOException, InterruptedException {
		command(pid, "stop,file=" + file.toAbsolutePath() + ",collapsed,total");
	}

	private void command(long pid, String arguments) throws IOException, InterruptedException {
		// Quoted: jcmd would read the '=' in the arguments as its own name=value syntax.
		Process process = new ProcessBuilder("jcmd", Long.toString(pid), "JVMTI.agent_load", this.library.toString(),
				"\"" + arguments + "\"")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0 || !output.contains("return code: 0")) {
			throw new IOException("async-profiler '" + arguments + "' in " + pid + ": " + output.trim());
		}
	}

}
