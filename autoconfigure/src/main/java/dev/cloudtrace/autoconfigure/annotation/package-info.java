/**
 * Spans for methods annotated with OpenTelemetry's {@code @WithSpan}, through a Spring AOP
 * advisor (no AspectJ weaver needed).
 * <p>
 * The advisor sees only calls that go through a Spring proxy: a call from one method of a
 * bean to another method of the same bean ({@code this.work()}) is not traced, nor is a
 * method that the proxy cannot intercept (private or final methods, methods of objects that
 * are not Spring beans). {@code @WithSpan} belongs on the implementation's method: like
 * every Java method annotation, and as with the OpenTelemetry agent, one on an interface's
 * method is not inherited and creates no span. {@code @SpanAttribute} may sit on either.
 */
@NullMarked
package dev.cloudtrace.autoconfigure.annotation;

import org.jspecify.annotations.NullMarked;
