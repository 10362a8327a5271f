/**
 * JMH benchmarks of what the starter does on every request, each beside a baseline.
 */
package dev.cloudtrace.benchmarks.jmh;
