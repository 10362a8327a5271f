/**
 * The OpenTelemetry SDK: tracer provider, resource, sampler, span limits and batching.
 */
package dev.cloudtrace.autoconfigure.sdk;
