/**
 * Context propagation: the composite propagator, the {@code X-Cloud-Trace-Context} format,
 * bounds on incoming {@code tracestate} and {@code baggage}, and untrusted incoming context.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.propagation;

import org.jspecify.annotations.NullMarked;
