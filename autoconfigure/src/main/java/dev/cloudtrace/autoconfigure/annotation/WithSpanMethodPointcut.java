package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;
import java.util.Map;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * Matches the methods whose implementation in the target class is annotated with
 * {@link WithSpan}. Unlike Spring's {@code AnnotationMatchingPointcut}, an annotation on an
 * interface's method does not match, whichever proxy calls it: the same rule as the
 * OpenTelemetry Java agent's.
 * <p>
 * Its class filter first rejects the classes that declare no such method in their class
 * hierarchy, which is almost every bean: that spares resolving the most specific method of
 * each of their methods at startup.
 */
final class WithSpanMethodPointcut extends StaticMethodMatcherPointcut {

	WithSpanMethodPointcut() {
		setClassFilter(new DeclaresWithSpanMethod());
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return AopUtils.getMostSpecificMethod(method, targetClass).isAnnotationPresent(WithSpan.class);
	}

	/**
	 * Matches the classes that, or whose superclasses, declare a method annotated with
	 * {@link WithSpan}: the only classes whose methods the pointcut can match.
	 */
	private static final class DeclaresWithSpanMethod implements ClassFilter {

		private final Map<Class<?>, Boolean> declaring = new ConcurrentReferenceHashMap<>();

		@Override
		public boolean matches(Class<?> clazz) {
			return this.declaring.computeIfAbsent(clazz, DeclaresWithSpanMethod::declaresWithSpanMethod);
		}

		private static boolean declaresWithSpanMethod(Class<?> clazz) {
			if (!AnnotationUtils.isCandidateClass(clazz, WithSpan.class)) {
				return false;
			}
			for (Class<?> type = ClassUtils.getUserClass(clazz); type != null && type != Object.class; type = type
				.getSuperclass()) {
				for (Method method : type.getDeclaredMethods()) {
					if (method.isAnnotationPresent(WithSpan.class)) {
						return true;
					}
				}
			}
			return false;
		}

	}

}
