/**
 * Export to Google Cloud Trace: authentication of OTLP requests to the Telemetry API, and the
 * legacy Cloud Trace v2 exporter.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.export.cloudtrace;

import org.jspecify.annotations.NullMarked;
