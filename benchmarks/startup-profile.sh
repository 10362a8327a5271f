#!/usr/bin/env bash
# Where the startup of the benchmark application goes, untraced and with this starter: each
# variant is started alone, in turn, N times (default 5), with async-profiler sampling the CPU of
# every thread from JVM start (event cpu, every 1 ms) and the JVM logging each class it loads.
# Prints, per variant, the medians of: Boot's "process running for", the classes loaded, the CPU
# samples of the whole JVM, of its JIT compiler threads, and of the samples whose stack passes
# through this starter, OpenTelemetry or Google auth (tracing's own startup work).
#
#   bash benchmarks/startup-profile.sh [N]
#
# Needs the applications and async-profiler that `bash benchmarks/run.sh` builds; run that first.
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:-5}"
profiler=benchmarks/load/target/async-profiler/linux-x64/libasyncProfiler.so
work=benchmarks/target/startup-profile
mkdir -p "$work"
for file in "$profiler" benchmarks/apps/none/target/benchmark-app-none.jar \
	benchmarks/apps/cloudtrace/target/benchmark-app-cloudtrace.jar; do
	[ -f "$file" ] || { echo "missing $file: run bash benchmarks/run.sh first" >&2; exit 1; }
done

start() {
	local variant=$1 run=$2
	local log="$work/$variant-$run.log" stacks="$work/$variant-$run.collapsed" classes="$work/$variant-$run.classes"
	java -agentpath:"$PWD/$profiler=start,event=cpu,interval=1ms,threads,file=$PWD/$stacks,collapsed" \
		-Xlog:class+load:file="$classes" -jar "benchmarks/apps/$variant/target/benchmark-app-$variant.jar" \
		--server.port=0 --benchmark.receiver=http://127.0.0.1:9 --spring.application.name=startup >"$log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 600); do grep -q 'Started ' "$log" && break; sleep 0.1; done
	kill "$pid"; wait "$pid" 2>/dev/null || true
	local running total jit tracing
	running=$(grep -o 'process running for [0-9.]*' "$log" | awk '{print $4}')
	read -r total jit tracing < <(awk '{
			n = $NF; total += n
			if ($0 ~ /^\[C[12] CompilerThre/) jit += n
			if ($0 ~ /dev\/cloudtrace\/autoconfigure|io\/opentelemetry|com\/google\/auth/) tracing += n
		} END { print total + 0, jit + 0, tracing + 0 }' "$stacks")
	echo "$variant $running $(wc -l <"$classes") $total $jit $tracing"
}

results="$work/results.txt"
: >"$results"
for run in $(seq 1 "$samples"); do
	start none "$run" | tee -a "$results"
	start cloudtrace "$run" | tee -a "$results"
done

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo
echo "Startup of the benchmark application, medians of $samples starts each (bash benchmarks/startup-profile.sh $samples):"
echo
echo "| Variant | Boot's \"process running for\" (s) | Classes loaded | CPU, all threads (ms) | CPU, JIT threads (ms) | CPU in tracing code (ms) |"
echo "|---|---|---|---|---|---|"
for variant in none cloudtrace; do
	row="| $variant"
	for column in 2 3 4 5 6; do
		row="$row | $(awk -v v="$variant" -v c="$column" '$1 == v {print $c}' "$results" | median)"
	done
	echo "$row |"
done
