package dev.cloudtrace.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Estimates the bytes a JVM allocates from {@code jstat -gc} samples taken every 250 ms.
 * <p>
 * Between two samples without a young collection, the allocation is the growth of eden.
 * Across collections, it is what filled the rest of eden before the first one, a full eden
 * for every further one, and eden's use after the last. Objects allocated straight into the
 * old generation (humongous objects in G1) are not counted; none of the variants makes them
 * per request.
 */
final class GcSampler {

	private final Process jstat;

	private final List<double[]> samples = new ArrayList<>();

	private final CountDownLatch firstSample = new CountDownLatch(1);

	private final Thread reader;

	private int eu = -1;

	private int ec = -1;

	private int ygc = -1;

	private int fgc = -1;

	private GcSampler(long pid) throws IOException {
		this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "250").redirectErrorStream(true).start();
		this.reader = new Thread(this::read, "jstat-" + pid);
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static GcSampler start(long pid) throws IOException, InterruptedException {
		GcSampler sampler = new GcSampler(pid);
		if (!sampler.firstSample.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("jstat gave no sample for " + pid);
		}
		return sampler;
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.jstat.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				String[] fields = line.trim().split("\\s+");
				if (this.eu < 0) {
					List<String> header = Arrays.asList(fields);
					this.eu = header.indexOf("EU");
					this.ec = header.indexOf("EC");
					this.ygc = header.indexOf("YGC");
					this.fgc = header.indexOf("FGC");
					continue;
				}
				if (fields.length <= Math.max(Math.max(this.eu, this.ec), Math.max(this.ygc, this.fgc))) {
					continue;
				}
				double[] sample = { Double.parseDouble(fields[this.eu]), Double.parseDouble(fields[this.ec]),
						Double.parseDouble(fields[this.ygc]) + Double.parseDouble(fields[this.fgc]) };
				synchronized (this.samples) {
					this.samples.add(sample);
				}
				this.firstSample.countDown();
			}
		}
		catch (IOException | NumberFormatException ex) {
			// jstat stopped.
		}
	}

	/**
	 * Waits for one more sample, stops sampling and returns the estimate.
	 * @return the bytes allocated since {@link #start(long)}
	 */
	long stop() throws InterruptedException {
		int count;
		synchronized (this.samples) {
			count = this.samples.size();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (System.nanoTime() < deadline) {
			synchronized (this.samples) {
				if (this.samples.size() > count) {
					break;
				}
			}
			Thread.sleep(50);
		}
		this.jstat.destroy();
		this.jstat.waitFor(5, TimeUnit.SECONDS);
		this.reader.join(5000);
		double kilobytes = 0;
		synchronized (this.samples) {
			for (int i = 1; i < this.samples.size(); i++) {
				double[] before = this.samples.get(i - 1);
				double[] after = this.samples.get(i);
				int collections = (int) (after[2] - before[2]);
				if (collections == 0) {
					kilobytes += Math.max(0, after[0] - before[0]);
				}
				else {
					kilobytes += (before[1] - before[0]) + (collections - 1) * after[1] + after[0];
				}
			}
		}
		return (long) (kilobytes * 1024);
	}

}
