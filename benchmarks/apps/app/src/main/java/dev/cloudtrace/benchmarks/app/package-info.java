/**
 * The application of the load benchmark, shared by every variant.
 */
package dev.cloudtrace.benchmarks.app;
