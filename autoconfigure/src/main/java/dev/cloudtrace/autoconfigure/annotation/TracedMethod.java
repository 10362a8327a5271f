package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;
import java.util.List;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategies;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategy;
import io.opentelemetry.instrumentation.api.semconv.util.SpanNames;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What the interceptor needs to know about one annotated method, worked out on its first call
 * and then reused: span name and kind, whether it joins the caller's trace, and how to end
 * the span of an asynchronous result.
 *
 * @param method the implementation's method, whose parameters carry the attributes
 * @param spanName the name of the span
 * @param spanKind the kind of the span
 * @param inheritContext whether the span is a child of the current span
 * @param asyncEndStrategy the strategy that ends the span when the returned value
 * completes, or {@code null} when the span ends when the method returns
 */
record TracedMethod(Method method, String spanName, SpanKind spanKind, boolean inheritContext,
		@Nullable AsyncOperationEndStrategy asyncEndStrategy) {

	static TracedMethod of(Method invoked, Class<?> targetClass, List<AsyncOperationEndStrategy> asyncEndStrategies) {
		Method method = AopUtils.getMostSpecificMethod(invoked, targetClass);
		WithSpan withSpan = AnnotatedElementUtils.findMergedAnnotation(method, WithSpan.class);
		String spanName = (withSpan != null && !withSpan.value().isEmpty()) ? withSpan.value()
				: SpanNames.fromMethod(method);
		SpanKind spanKind = (withSpan != null) ? withSpan.kind() : SpanKind.INTERNAL;
		boolean inheritContext = withSpan == null || withSpan.inheritContext();
		return new TracedMethod(method, spanName, spanKind, inheritContext,
				asyncEndStrategy(method.getReturnType(), asyncEndStrategies));
	}

	private static @Nullable AsyncOperationEndStrategy asyncEndStrategy(Class<?> returnType,
			List<AsyncOperationEndStrategy> asyncEndStrategies) {
		AsyncOperationEndStrategy registered = AsyncOperationEndStrategies.instance().resolveStrategy(returnType);
		if (registered != null) {
			return registered;
		}
		for (AsyncOperationEndStrategy strategy : asyncEndStrategies) {
			if (strategy.supports(returnType)) {
				return strategy;
			}
		}
		return null;
	}

	/**
	 * Whether the span of a call that returned the given value ends when that value
	 * completes rather than now.
	 * @param returned the value returned by the method
	 * @return whether the span ends asynchronously
	 */
	boolean endsAsynchronously(Object returned) {
		return this.asyncEndStrategy != null && this.method.getReturnType().isInstance(returned);
	}

}
