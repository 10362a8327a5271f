#!/usr/bin/env bash
# Runs the benchmarks and prints their tables: JMH benchmarks of the per-request path, then
# the load benchmark of the application without tracing, with this starter, and with its peers,
# in two shapes: one process, and two services in two JVMs.
#
#   bash benchmarks/run.sh            # everything (about 15 minutes on 2 cores)
#   bash benchmarks/run.sh jmh [JMH options]
#   bash benchmarks/run.sh load [--shape=one-process|two-service|both --rounds=N --variants=none,cloudtrace ...]
#
# A smoke run of the load benchmark, about 2 minutes:
#   bash benchmarks/run.sh load --variants=none,cloudtrace --two-service-variants=none,cloudtrace \
#     --startup-samples=1 --rounds=1 --measure-seconds=3 --warmup-max-seconds=10
#
# Tables and logs go to benchmarks/target/ (report.md holds the last full report). Options of the
# load benchmark: see the javadoc of benchmarks/load/.../LoadBenchmark.java.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
[ $# -gt 0 ] && shift
started=$(date +%s)
out=benchmarks/target
mkdir -p "$out"

elapsed() { echo "[run.sh $(( $(date +%s) - started ))s] $*" >&2; }

if [ "$what" != jmh ] && ! command -v wrk >/dev/null; then
	elapsed "installing wrk (Debian package)"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

elapsed "building"
# forceCreation: without it an application's jar, already repackaged, keeps the old copy of the
# shared application code after that code changes.
mvn -B -q -Pbenchmarks -DskipTests -Dmaven.jar.forceCreation=true package -am \
	-pl benchmarks/jmh,benchmarks/load,benchmarks/apps/none,benchmarks/apps/cloudtrace,benchmarks/apps/otel-starter,benchmarks/apps/boot-otel,benchmarks/apps/agent

machine() {
	echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -h | awk '/^Mem:/ {print $2}') memory; $(java -version 2>&1 | sed -n 2p); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2 || true)"
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine > "$out/machine.txt"

if [ "$what" = all ] || [ "$what" = jmh ]; then
	elapsed "JMH benchmarks"
	java -Dbenchmark.table="$out/jmh.md" -cp "benchmarks/jmh/target/classes:benchmarks/jmh/target/lib/*" \
		dev.cloudtrace.benchmarks.jmh.RunBenchmarks "$@" > "$out/jmh.log" 2>&1 \
		|| { tail -50 "$out/jmh.log"; exit 1; }
fi

if [ "$what" = all ] || [ "$what" = load ]; then
	elapsed "load benchmark"
	# The CPU profile of the measured rounds (async-profiler, from Maven Central): --profiler= turns it off.
	java -cp benchmarks/load/target/benchmark-load.jar dev.cloudtrace.benchmarks.load.LoadBenchmark \
		--apps=benchmarks/apps --out="$out/load" \
		--profiler=benchmarks/load/target/async-profiler/linux-x64/libasyncProfiler.so "$@" > "$out/load.log"
fi

{
	cat "$out/machine.txt"
	if [ "$what" = all ] || [ "$what" = jmh ]; then
		echo
		echo "JMH (bash benchmarks/run.sh jmh): average time and allocation per operation, 99.9% confidence intervals"
		echo
		cat "$out/jmh.md"
	fi
	if [ "$what" = all ] || [ "$what" = load ]; then
		echo
		echo "Load (bash benchmarks/run.sh load): wrk on loopback against each variant, alternating rounds"
		echo
		cat "$out/load/results.md"
	fi
	echo
	echo "Total time of bash benchmarks/run.sh${what:+ $what}: $(( $(date +%s) - started )) s"
} | tee "$out/report-$what.md"
# As an if: a failed test as the last command would be the script's exit status.
if [ "$what" = all ]; then cp "$out/report-all.md" "$out/report.md"; fi
