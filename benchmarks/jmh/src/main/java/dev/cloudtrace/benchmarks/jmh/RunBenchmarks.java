package dev.cloudtrace.benchmarks.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH's GC profiler and prints one Markdown table: time and
 * allocation per operation with their 99.9% confidence intervals, and what each adds over its
 * baseline.
 * <p>
 * Takes JMH's own command-line options; without them, each benchmark class's own forks and
 * iterations apply (one fork, a warm-up long enough for Spring MVC's dispatch to be compiled
 * where it runs). With {@code -Dbenchmark.table=FILE}, the table is also written
 * to that file.
 */
public final class RunBenchmarks {

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private static final Map<String, Row> ROWS = new LinkedHashMap<>();

	static {
		row("RequestPathBenchmark.traced",
				"One request's tracing: 2 server spans, a client span, a @WithSpan span, together",
				"RequestPathBenchmark.untraced");
		row("RequestPathBenchmark.untraced", "Request baseline: the same work untraced", null);
		row("LogCorrelationBenchmark.tracedWithMdc", "Trace ids in the MDC: the traced request keeping them",
				"LogCorrelationBenchmark.tracedWithoutMdc");
		row("LogCorrelationBenchmark.tracedWithoutMdc", "MDC baseline: the same traced request without them", null);
		row("LogCorrelationBenchmark.scopesWithMdc", "Trace ids in the MDC: a request's three span scopes alone",
				"LogCorrelationBenchmark.scopesWithoutMdc");
		row("LogCorrelationBenchmark.scopesWithoutMdc", "MDC baseline: the same scopes without them", null);
		row("ServerSpanBenchmark.serverSpan", "Server span: the filter around a Spring MVC request",
				"ServerSpanBenchmark.noFilter");
		row("ServerSpanBenchmark.serverSpanNoop", "Server span: the same filter on a no-op OpenTelemetry",
				"ServerSpanBenchmark.noFilter");
		row("ServerSpanBenchmark.noFilter", "Server span baseline: the Spring MVC request alone", null);
		row("ClientSpanBenchmark.clientSpan", "Client span: the interceptor, injecting headers",
				"ClientSpanBenchmark.noInterceptor");
		row("ClientSpanBenchmark.clientSpanNoop", "Client span: the same interceptor on a no-op OpenTelemetry",
				"ClientSpanBenchmark.noInterceptor");
		row("ClientSpanBenchmark.noInterceptor", "Client span baseline: the execution alone", null);
		row("WithSpanBenchmark.withSpan", "@WithSpan: interceptor on a Spring proxy", "WithSpanBenchmark.direct");
		row("WithSpanBenchmark.withSpanNoop", "@WithSpan: the same on a no-op OpenTelemetry",
				"WithSpanBenchmark.direct");
		row("WithSpanBenchmark.direct", "@WithSpan baseline: the method called directly", null);
		row("JdbcStatementBenchmark.traced", "JDBC: a prepared query on H2, traced (a CLIENT span)",
				"JdbcStatementBenchmark.untraced");
		row("JdbcStatementBenchmark.tracedOutsideATrace", "JDBC: the same query outside any trace (no span)",
				"JdbcStatementBenchmark.untraced");
		row("JdbcStatementBenchmark.untraced", "JDBC baseline: the query on the driver's connection", null);
		row("ExportBenchmark.reusableGzip", "Export of 512 spans, gzip: exporter reusing its buffers",
				"ExportBenchmark.immutableGzip");
		row("ExportBenchmark.immutableGzip", "Export baseline, gzip: the exporter's default memory mode", null);
		row("ExportBenchmark.reusableUncompressed", "Export of 512 spans, uncompressed: reusing its buffers",
				"ExportBenchmark.immutableUncompressed");
		row("ExportBenchmark.immutableUncompressed", "Export baseline, uncompressed: the default memory mode", null);
		row("ExportBatchSizeBenchmark.uncompressed64", "Export per span, batches of 64, uncompressed",
				"ExportBatchSizeBenchmark.uncompressed512");
		row("ExportBatchSizeBenchmark.uncompressed512", "Export per span, batches of 512 (the default), uncompressed",
				null);
		row("ExportBatchSizeBenchmark.uncompressed2048", "Export per span, batches of 2048, uncompressed",
				"ExportBatchSizeBenchmark.uncompressed512");
		row("ExportBatchSizeBenchmark.gzip64", "Export per span, batches of 64, gzip",
				"ExportBatchSizeBenchmark.uncompressed64");
		row("ExportBatchSizeBenchmark.gzip512", "Export per span, batches of 512, gzip",
				"ExportBatchSizeBenchmark.uncompressed512");
		row("ExportBatchSizeBenchmark.gzip2048", "Export per span, batches of 2048, gzip",
				"ExportBatchSizeBenchmark.uncompressed2048");
		row("PropagationBenchmark.injectDefault", "Inject tracecontext, baggage, cloud-trace (our default)",
				"PropagationBenchmark.injectOpenTelemetryDefault");
		row("PropagationBenchmark.injectOpenTelemetryDefault",
				"Inject baseline: tracecontext, baggage (OpenTelemetry's default)", null);
		row("PropagationBenchmark.extractTraceparent", "Extract traceparent with our default propagators",
				"PropagationBenchmark.extractTraceparentOpenTelemetryDefault");
		row("PropagationBenchmark.extractXCloudTraceContext",
				"Extract X-Cloud-Trace-Context with our default propagators",
				"PropagationBenchmark.extractTraceparentOpenTelemetryDefault");
		row("PropagationBenchmark.extractTraceparentOpenTelemetryDefault",
				"Extract baseline: traceparent with OpenTelemetry's default", null);
		row("SamplerBenchmark.rateLimitAdmitting", "Sampler, 8 threads: rate limit admitting every trace (CAS)",
				"SamplerBenchmark.probabilityBaseline");
		row("SamplerBenchmark.rateLimitRefusing", "Sampler, 8 threads: rate limit refusing (read only)",
				"SamplerBenchmark.probabilityBaseline");
		row("SamplerBenchmark.rulesThenRateLimit", "Sampler, 8 threads: 3 path rules, then a rate limit",
				"SamplerBenchmark.probabilityBaseline");
		row("SamplerBenchmark.probabilityBaseline", "Sampler baseline, 8 threads: probability only", null);
		row("XCloudTraceContextBenchmark.parse", "X-Cloud-Trace-Context parse: TRACE/SPAN;o=1",
				"XCloudTraceContextBenchmark.parseTraceparentBaseline");
		row("XCloudTraceContextBenchmark.parseMalformed", "X-Cloud-Trace-Context parse: malformed",
				"XCloudTraceContextBenchmark.parseTraceparentBaseline");
		row("XCloudTraceContextBenchmark.parseTraceparentBaseline", "Parse baseline: traceparent (W3C propagator)",
				null);
	}

	private RunBenchmarks() {
	}

	private static void row(String benchmark, String label, String baseline) {
		ROWS.put(benchmark, new Row(label, baseline));
	}

	public static void main(String[] args) throws Exception {
		CommandLineOptions commandLine = new CommandLineOptions(args);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine).addProfiler(GCProfiler.class);
		if (commandLine.getIncludes().isEmpty()) {
			options.include(RunBenchmarks.class.getPackageName() + ".*Benchmark");
		}
		Collection<RunResult> results = new Runner(options.build()).run();
		String table = table(results);
		System.out.println();
		System.out.println(table);
		String file = System.getProperty("benchmark.table");
		if (file != null) {
			Files.writeString(Path.of(file), table);
		}
	}

	private static String table(Collection<RunResult> results) {
		Map<String, RunResult> byName = new LinkedHashMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark();
			byName.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), result);
		}
		StringBuilder table = new StringBuilder();
		table.append("| Benchmark | Time (ns/op) | Allocated (B/op) | Over its baseline |\n");
		table.append("|---|---|---|---|\n");
		for (Map.Entry<String, Row> entry : ROWS.entrySet()) {
			RunResult result = byName.remove(entry.getKey());
			if (result != null) {
				appendRow(table, entry.getValue().label(), result, find(results, entry.getValue().baseline()));
			}
		}
		byName.forEach((name, result) -> appendRow(table, name, result, null));
		return table.toString();
	}

	private static RunResult find(Collection<RunResult> results, String name) {
		if (name == null) {
			return null;
		}
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().endsWith("." + name))
			.findFirst()
			.orElse(null);
	}

	private static void appendRow(StringBuilder table, String label, RunResult result, RunResult baseline) {
		Result<?> time = result.getPrimaryResult();
		Result<?> allocation = result.getSecondaryResults().get(ALLOCATION);
		table.append("| ").append(label).append(" | ").append(withError(time, "%.1f")).append(" | ");
		table.append((allocation != null) ? withError(allocation, "%.0f") : "n/a").append(" | ");
		if (baseline != null) {
			Result<?> baselineAllocation = baseline.getSecondaryResults().get(ALLOCATION);
			table.append(format("%+.1f ns", time.getScore() - baseline.getPrimaryResult().getScore()));
			if (allocation != null && baselineAllocation != null) {
				table.append(format(", %+.0f B", allocation.getScore() - baselineAllocation.getScore()));
			}
		}
		table.append(" |\n");
	}

	private static String withError(Result<?> result, String format) {
		double error = result.getScoreError();
		return Double.isNaN(error) ? format(format, result.getScore())
				: format(format + " ± " + format, result.getScore(), error);
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	private record Row(String label, String baseline) {

	}

}
