package dev.cloudtrace.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.cloudtrace.benchmarks.load.LoadBenchmark.Measurement;
import dev.cloudtrace.benchmarks.load.LoadBenchmark.Results;

/**
 * Renders the results as Markdown tables, every figure with its ratio to the no-tracing
 * variant, followed by the check of this starter's targets, the warm-up from the first
 * request and what each variant sent to the receiver.
 */
final class Report {

	private final List<Results> results;

	private final Results baseline;

	private final Map<String, String> options;

	Report(List<Results> results, Map<String, String> options) {
		this.results = results;
		this.baseline = results.stream()
			.filter((result) -> result.variant.name().equals(Variant.BASELINE))
			.findFirst()
			.orElseThrow();
		this.options = options;
	}

	String render() {
		StringBuilder out = new StringBuilder();
		out.append("| Variant | Throughput (req/s) | p50 latency (ms) | p99 latency (ms) | Startup (s) "
				+ "| Heap after full GC (MB) | Allocation rate (MB/s) |\n");
		out.append("|---|---|---|---|---|---|---|\n");
		for (Results result : this.results) {
			out.append("| ")
				.append(result.variant.label())
				.append(" | ")
				.append(cell(result, Report::throughput, "%.0f"))
				.append(" | ")
				.append(cell(result, Report::p50, "%.2f"))
				.append(" | ")
				.append(cell(result, Report::p99, "%.2f"))
				.append(" | ")
				.append(cell(result, Report::startup, "%.2f"))
				.append(" | ")
				.append(cell(result, Report::heapMegabytes, "%.1f"))
				.append(" | ")
				.append(cell(result, Report::allocationRate, "%.0f"))
				.append(" |\n");
		}
		out.append("\nEach cell: the value (its ratio to no tracing). Per request, and how the figures were taken:\n\n");
		out.append("| Variant | CPU (µs/req) | Allocated (KB/req) | Spans/req (server, client, internal) "
				+ "| Exported (bytes/req) | Throughput by round (req/s) | Warm-up (s) | Startup samples (s) "
				+ "| Boot's \"process running for\" (s) | Metaspace (MB) | Other processes (cores) | Errors |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Results result : this.results) {
			double requests = result.requestsSent;
			out.append("| ")
				.append(result.variant.label())
				.append(" | ")
				.append(cell(result, Report::cpuMicros, "%.0f"))
				.append(" | ")
				.append(cell(result, Report::allocatedKilobytes, "%.1f"))
				.append(" | ")
				.append(format("%.2f, %.2f, %.2f", exported(result, "server") / requests,
						exported(result, "client") / requests, exported(result, "internal") / requests))
				.append(" | ")
				.append(format("%.0f", exported(result, "bytes") / requests))
				.append(" | ")
				.append(String.join(", ",
						result.measurements.stream().map((m) -> format("%.0f", m.wrk().throughput())).toList()))
				.append(" | ")
				.append(result.warmupWindows.size() * Integer.parseInt(this.options.getOrDefault("warmup-window-seconds", LoadBenchmark.WARMUP_WINDOW_SECONDS)))
				.append(result.warmedUp ? "" : " (cap)")
				.append(" | ")
				.append(String.join(", ", result.startup.stream().map((s) -> format("%.2f", s)).toList()))
				.append(" | ")
				.append(String.join(", ", result.bootStartup.stream().map((s) -> format("%.2f", s)).toList()))
				.append(" | ")
				.append(format("%.1f", result.metaspaceBytes / 1048576.0))
				.append(" | ")
				.append(format("%.2f", mean(result, Measurement::otherCores)))
				.append(" | ")
				.append(sum(result, (m) -> m.wrk().errors()))
				.append(" |\n");
		}
		appendThreads(out);
		appendTargets(out);
		return out.toString();
	}

	private void appendThreads(StringBuilder out) {
		List<String> groups = new ArrayList<>(new java.util.LinkedHashSet<>(ThreadCpu.GROUPS.values()));
		groups.add(ThreadCpu.OTHER);
		out.append("\nCPU per request by thread group (µs/req; the difference to no tracing in brackets):\n\n| Variant |");
		groups.forEach((group) -> out.append(' ').append(group).append(" |"));
		out.append("\n|---|");
		groups.forEach((group) -> out.append("---|"));
		out.append('\n');
		for (Results result : this.results) {
			out.append("| ").append(result.variant.label()).append(" |");
			for (String group : groups) {
				double micros = threadMicros(result, group);
				out.append(' ').append(format("%.0f", micros));
				if (result != this.baseline) {
					out.append(format(" (%+.0f)", micros - threadMicros(this.baseline, group)));
				}
				out.append(" |");
			}
			out.append('\n');
		}
	}

	private static double threadMicros(Results result, String group) {
		double seconds = result.measurements.stream()
			.mapToDouble((m) -> m.threadCpu().getOrDefault(group, 0.0))
			.sum();
		return seconds * 1e6 / sum(result, (m) -> m.wrk().requests());
	}

	private void appendTargets(StringBuilder out) {
		Results ours = this.results.stream()
			.filter((result) -> result.variant.name().equals(Variant.OURS))
			.findFirst()
			.orElse(null);
		if (ours == null) {
			return;
		}
		out.append("\nTargets of this starter (100% sampling; issue #17):\n\n");
		target(out, "throughput >= 0.95 x no tracing", ratio(ours, Report::throughput), 0.95, true);
		target(out, "p99 latency <= 1.10 x no tracing", ratio(ours, Report::p99), 1.10, false);
		target(out, "startup <= 1.10 x no tracing", ratio(ours, Report::startup), 1.10, false);
		added(out, "tracing CPU <= 30 µs per request", cpuMicros(ours) - cpuMicros(this.baseline), 30, "µs");
		added(out, "tracing allocation <= 8 KB per request", allocatedKilobytes(ours)
				- allocatedKilobytes(this.baseline), 8, "KB");
		int warm = warmWindow(ours);
		int baselineWarm = warmWindow(this.baseline);
		if (warm >= 0 && baselineWarm >= 0) {
			target(out, "time to steady throughput <= 1.20 x no tracing",
					ours.warmupEnds.get(warm) / this.baseline.warmupEnds.get(baselineWarm), 1.20, false);
		}
		else {
			out.append("- time to steady throughput <= 1.20 x no tracing: not measured, a variant was not warm "
					+ "by the end of its warm-up\n");
		}
		for (Results peer : this.results) {
			if (!peer.variant.peer()) {
				continue;
			}
			ahead(out, peer, "throughput", ours, Report::throughput, true);
			ahead(out, peer, "p99 latency", ours, Report::p99, false);
			ahead(out, peer, "startup", ours, Report::startup, false);
			ahead(out, peer, "CPU per request", ours, Report::cpuMicros, false);
			ahead(out, peer, "allocation per request", ours, Report::allocatedKilobytes, false);
			ahead(out, peer, "time to steady throughput", ours, Report::secondsToSteady, false);
		}
	}

	/**
	 * Renders the warm-up of each variant from its first answered request: the throughput of
	 * each warm-up window and when the variant first held {@value LoadBenchmark#WARM_SHARE} of
	 * its steady throughput (the mean of its measured rounds) in every window to the end of
	 * the warm-up, with the CPU its processes spent until then.
	 * @param shape the shape, named in the heading
	 * @return the table
	 */
	String renderWarmUp(Shape shape) {
		StringBuilder out = new StringBuilder();
		out.append(format("%nWarm-up from the first request (%s; %s s windows of the same load; warm at the end of "
				+ "the first window from which every window holds %.0f%% of the steady throughput, the mean of the "
				+ "measured rounds; CPU of %s from the first answer until then):%n%n", shape.option(),
				this.options.getOrDefault("warmup-window-seconds", LoadBenchmark.WARMUP_WINDOW_SECONDS),
				LoadBenchmark.WARM_SHARE * 100, (shape == Shape.TWO_SERVICE) ? "both JVMs" : "the JVM"));
		out.append("| Variant | Steady (req/s) | Warm after (s) | CPU until warm (s) | Throughput by window (req/s) |\n");
		out.append("|---|---|---|---|---|\n");
		for (Results result : this.results) {
			int warm = warmWindow(result);
			out.append("| ").append(result.variant.label()).append(" | ").append(format("%.0f", throughput(result)));
			if (warm < 0) {
				// Not warm by the end of the warm-up: the figure is only a lower bound.
				out.append(format(" | > %.1f | > %.2f |", lastOrNaN(result.warmupEnds),
						lastOrNaN(result.warmupCpuNanos) / 1e9));
			}
			else {
				out.append(" | ").append(warmCell(result, (r, w) -> r.warmupEnds.get(w), "%.1f"));
				out.append(" | ").append(warmCell(result, (r, w) -> r.warmupCpuNanos.get(w) / 1e9, "%.2f")).append(" |");
			}
			out.append(' ')
				.append(String.join(", ", result.warmupWindows.stream().map((t) -> format("%.0f", t)).toList()))
				.append(" |\n");
		}
		out.append("\nEach cell: the value (its ratio to no tracing); \"> x\": not warm by the end of the warm-up.\n");
		return out.toString();
	}

	private String warmCell(Results result, WarmFigure figure, String format) {
		double value = figure.at(result, warmWindow(result));
		int baselineWindow = warmWindow(this.baseline);
		if (baselineWindow < 0) {
			return format(format, value);
		}
		return format(format + " (%.2f)", value, value / figure.at(this.baseline, baselineWindow));
	}

	// The first window from which every window of the warm-up holds the share of the steady
	// throughput, or -1 if the last one does not.
	private static int warmWindow(Results result) {
		double steady = throughput(result);
		int warm = -1;
		for (int i = result.warmupWindows.size() - 1; i >= 0; i--) {
			if (result.warmupWindows.get(i) < LoadBenchmark.WARM_SHARE * steady) {
				break;
			}
			warm = i;
		}
		return warm;
	}

	// Seconds from the first answer to steady throughput; infinite when not warm by the end of
	// the warm-up, which is behind any variant that was.
	private static double secondsToSteady(Results result) {
		int warm = warmWindow(result);
		return (warm >= 0) ? result.warmupEnds.get(warm) : Double.POSITIVE_INFINITY;
	}

	private static double lastOrNaN(List<? extends Number> values) {
		return values.isEmpty() ? Double.NaN : values.get(values.size() - 1).doubleValue();
	}

	/**
	 * Renders what each variant sent to the receiver over the whole run: export requests,
	 * spans per request, how many were gzip-compressed and how many carried the Bearer token
	 * that the receiver grants.
	 * @return the table
	 */
	String renderExport() {
		StringBuilder out = new StringBuilder();
		out.append("\nExport requests received over the whole run:\n\n");
		out.append("| Variant | Export requests | Spans per export | Bytes per export (as sent) | gzip | "
				+ "Authorization: Bearer |\n");
		out.append("|---|---|---|---|---|---|\n");
		for (Results result : this.results) {
			if (!result.variant.traced()) {
				continue;
			}
			double requests = exported(result, "requests");
			double spans = exported(result, "server") + exported(result, "client") + exported(result, "internal")
					+ exported(result, "unspecified") + exported(result, "producer") + exported(result, "consumer");
			out.append("| ")
				.append(result.variant.label())
				.append(" | ")
				.append(format("%.0f", requests))
				.append(" | ")
				.append(format("%.1f", spans / requests))
				.append(" | ")
				.append(format("%.0f", exported(result, "bytes") / requests))
				.append(" | ")
				.append(format("%.0f", exported(result, "gzip")))
				.append(" | ")
				.append(format("%.0f", exported(result, "bearer")))
				.append(" |\n");
		}
		return out.toString();
	}

	private static void target(StringBuilder out, String name, double ratio, double limit, boolean atLeast) {
		boolean met = atLeast ? ratio >= limit : ratio <= limit;
		out.append(format("- %s: %.3f, %s%n", name, ratio,
				met ? "met" : format("missed by %.1f%% of no tracing", Math.abs(ratio - limit) * 100)));
	}

	private static void added(StringBuilder out, String name, double added, double limit, String unit) {
		out.append(format("- %s: %+.1f %s, %s%n", name, added, unit,
				(added <= limit) ? "met" : format("missed by %.1f %s", added - limit, unit)));
	}

	private static void ahead(StringBuilder out, Results peer, String name, Results ours,
			ToDoubleFunction<Results> figure, boolean higherIsBetter) {
		double relative = figure.applyAsDouble(ours) / figure.applyAsDouble(peer);
		if (Double.isNaN(relative)) {
			out.append(format("- ahead of %s on %s: not measured, neither was warm by the end of the warm-up%n",
					peer.variant.label(), name));
			return;
		}
		boolean met = higherIsBetter ? relative > 1 : relative < 1;
		out.append(format("- ahead of %s on %s: this starter %.3f x theirs, %s%n", peer.variant.label(), name, relative,
				met ? "met" : "missed"));
	}

	private static double exported(Results result, String counter) {
		return result.exported.getOrDefault(counter, 0L);
	}

	private String cell(Results result, ToDoubleFunction<Results> figure, String format) {
		return format(format + " (%.2f)", figure.applyAsDouble(result), ratio(result, figure));
	}

	private double ratio(Results result, ToDoubleFunction<Results> figure) {
		return figure.applyAsDouble(result) / figure.applyAsDouble(this.baseline);
	}

	private static double throughput(Results result) {
		return mean(result, (m) -> m.wrk().throughput());
	}

	private static double p50(Results result) {
		return mean(result, (m) -> m.wrk().p50Millis());
	}

	private static double p99(Results result) {
		return mean(result, (m) -> m.wrk().p99Millis());
	}

	private static double startup(Results result) {
		List<Double> sorted = new ArrayList<>(result.startup);
		sorted.sort(null);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double heapMegabytes(Results result) {
		return result.heapAfterGcBytes / 1048576.0;
	}

	private static double allocationRate(Results result) {
		return sum(result, Measurement::allocatedBytes) / 1e6 / seconds(result);
	}

	// The median of the rounds: each round's figure is estimated from jstat samples, and one
	// round in a run can be off by half (82, 139 and 82 MB/s in three rounds of one variant).
	private static double allocatedKilobytes(Results result) {
		double[] rounds = result.measurements.stream()
			.mapToDouble((m) -> m.allocatedBytes() / 1024.0 / m.wrk().requests())
			.sorted()
			.toArray();
		if (rounds.length == 0) {
			return Double.NaN;
		}
		int middle = rounds.length / 2;
		return (rounds.length % 2 == 1) ? rounds[middle] : (rounds[middle - 1] + rounds[middle]) / 2;
	}

	private static double cpuMicros(Results result) {
		return sum(result, Measurement::cpuNanos) / 1000.0 / sum(result, (m) -> m.wrk().requests());
	}

	private static double seconds(Results result) {
		return result.measurements.stream().mapToDouble((m) -> m.wrk().seconds()).sum();
	}

	private static double mean(Results result, ToDoubleFunction<Measurement> value) {
		return result.measurements.stream().mapToDouble(value).average().orElse(Double.NaN);
	}

	private static long sum(Results result, java.util.function.ToLongFunction<Measurement> value) {
		return result.measurements.stream().mapToLong(value).sum();
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	/**
	 * A figure of a variant at the end of one warm-up window.
	 */
	@FunctionalInterface
	private interface WarmFigure {

		double at(Results result, int window);

	}

}
