/**
 * The OpenTelemetry SDK: tracer provider, resource, sampler, span limits and batching.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.sdk;

import org.jspecify.annotations.NullMarked;
