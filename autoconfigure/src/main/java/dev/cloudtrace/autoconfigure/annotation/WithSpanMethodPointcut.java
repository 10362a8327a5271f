package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the methods whose implementation in the target class is annotated with
 * {@link WithSpan}. Unlike Spring's {@code AnnotationMatchingPointcut}, an annotation on an
 * interface's method does not match, whichever proxy calls it: the same rule as the
 * OpenTelemetry Java agent's.
 */
final class WithSpanMethodPointcut extends StaticMethodMatcherPointcut {

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return AopUtils.getMostSpecificMethod(method, targetClass).isAnnotationPresent(WithSpan.class);
	}

}
