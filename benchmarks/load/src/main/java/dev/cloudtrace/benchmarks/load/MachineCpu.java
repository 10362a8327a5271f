package dev.cloudtrace.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole machine, from {@code /proc/stat}, so that what other processes used
 * during a measurement can be told apart from what the benchmark used.
 *
 * @param busySeconds time the CPUs spent on anything but idling, steal time included
 */
record MachineCpu(double busySeconds) {

	// USER_HZ, the unit of /proc/stat: 100 on every Linux architecture that runs a JDK.
	private static final double TICKS_PER_SECOND = 100;

	static MachineCpu read() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		// cpu user nice system idle iowait irq softirq steal ...
		long busy = 0;
		for (int i = 1; i <= 8 && i < fields.length; i++) {
			if (i != 4 && i != 5) {
				busy += Long.parseLong(fields[i]);
			}
		}
		return new MachineCpu(busy / TICKS_PER_SECOND);
	}

}
