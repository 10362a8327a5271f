package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of one variant in one shape: the front process, which the load generator
 * calls, and in the two-service shape the back process that it calls in turn. Every figure
 * of a process (CPU, threads, allocation) is summed over both.
 */
final class Deployment {

	final Variant variant;

	final Shape shape;

	final RunningApp front;

	private final RunningApp back;

	Deployment(Variant variant, Shape shape, RunningApp front, RunningApp back) {
		this.variant = variant;
		this.shape = shape;
		this.front = front;
		this.back = back;
	}

	List<RunningApp> apps() {
		return (this.back != null) ? List.of(this.front, this.back) : List.of(this.front);
	}

	String url() {
		return this.front.url(this.shape.path());
	}

	/**
	 * Return the CPU time that the processes have used so far.
	 * @return nanoseconds
	 */
	long cpuNanos() {
		return apps().stream().mapToLong(RunningApp::cpuNanos).sum();
	}

	/**
	 * Reads the CPU time of every thread of the processes (thread ids are unique across
	 * processes, so one map holds both).
	 * @return seconds by thread, as {@link ThreadCpu#read(long)}
	 */
	Map<String, Double> threadCpu() throws IOException {
		Map<String, Double> threads = new LinkedHashMap<>();
		for (RunningApp app : apps()) {
			threads.putAll(ThreadCpu.read(app.pid()));
		}
		return threads;
	}

	/**
	 * Starts estimating the allocation of every process.
	 * @return the samplers, one a process
	 */
	List<GcSampler> startGcSamplers() throws IOException, InterruptedException {
		List<GcSampler> samplers = new ArrayList<>();
		for (RunningApp app : apps()) {
			samplers.add(GcSampler.start(app.pid()));
		}
		return samplers;
	}

	static long stopGcSamplers(List<GcSampler> samplers) throws InterruptedException {
		long bytes = 0;
		for (GcSampler sampler : samplers) {
			bytes += sampler.stop();
		}
		return bytes;
	}

	void stop() throws InterruptedException {
		for (RunningApp app : apps()) {
			app.stop();
		}
	}

}
