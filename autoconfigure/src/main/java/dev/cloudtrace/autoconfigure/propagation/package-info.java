/**
 * Context propagation: the composite propagator and the {@code X-Cloud-Trace-Context} format.
 */
package dev.cloudtrace.autoconfigure.propagation;
