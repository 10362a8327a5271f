/**
 * Auto-configuration of OpenTelemetry tracing exported to Google Cloud Trace.
 */
@NullMarked
package dev.cloudtrace.autoconfigure;

import org.jspecify.annotations.NullMarked;
