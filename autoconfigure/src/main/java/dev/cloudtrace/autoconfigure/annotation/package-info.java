/**
 * Spans for methods annotated with OpenTelemetry's {@code @WithSpan}, through a Spring AOP
 * aspect.
 * <p>
 * The aspect sees only calls that go through a Spring proxy: a call from one method of a
 * bean to another method of the same bean ({@code this.work()}) is not traced, nor is a
 * method that the proxy cannot intercept (private or final methods, methods of objects that
 * are not Spring beans). Put {@code @WithSpan} on the implementation's method: annotations
 * on interface methods are honoured only when the bean is proxied through its interfaces
 * ({@code spring.aop.proxy-target-class=false}).
 */
package dev.cloudtrace.autoconfigure.annotation;
