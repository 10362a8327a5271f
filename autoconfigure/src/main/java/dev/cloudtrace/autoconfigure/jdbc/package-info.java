/**
 * Database spans: every {@code DataSource} bean is wrapped with OpenTelemetry's JDBC
 * library instrumentation, so that each statement run inside a trace becomes a CLIENT span
 * with the database semantic conventions and its sanitized text.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
