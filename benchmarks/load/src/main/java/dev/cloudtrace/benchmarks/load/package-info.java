/**
 * The load benchmark: launches each variant of the benchmark application, drives it with
 * wrk, and compares it with the application without tracing.
 */
package dev.cloudtrace.benchmarks.load;
