/**
 * Auto-configuration of OpenTelemetry tracing exported to Google Cloud Trace.
 */
package dev.cloudtrace.autoconfigure;
