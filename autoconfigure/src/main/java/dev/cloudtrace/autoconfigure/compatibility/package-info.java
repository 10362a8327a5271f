/**
 * Startup check that the OpenTelemetry artifacts on the classpath work with the starter and
 * with each other.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.compatibility;

import org.jspecify.annotations.NullMarked;
