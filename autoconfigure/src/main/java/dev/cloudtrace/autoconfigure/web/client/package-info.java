/**
 * Client spans for outgoing HTTP calls: the tracing interceptor added to every
 * {@code RestTemplate} and {@code RestClient}, through their builders' customizers and bean
 * post-processors.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.web.client;

import org.jspecify.annotations.NullMarked;
