/**
 * Span exporters: Cloud Trace through the Telemetry API (OTLP), the legacy Cloud Trace v2
 * API, plain OTLP, and the console.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.export;

import org.jspecify.annotations.NullMarked;
