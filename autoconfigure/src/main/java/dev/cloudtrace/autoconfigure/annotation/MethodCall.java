package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesGetter;

/**
 * One call of a method annotated with {@code @WithSpan}: the request of the interceptor's
 * instrumenter.
 *
 * @param tracedMethod the method called
 * @param args the arguments of the call
 */
record MethodCall(TracedMethod tracedMethod, Object[] args) {

	String spanName() {
		return this.tracedMethod.spanName();
	}

	SpanKind spanKind() {
		return this.tracedMethod.spanKind();
	}

	Method method() {
		return this.tracedMethod.method();
	}

	/**
	 * The class and method of a call, for the {@code code.*} attributes.
	 */
	enum CodeAttributes implements CodeAttributesGetter<MethodCall> {

		INSTANCE;

		@Override
		public Class<?> getCodeClass(MethodCall call) {
			return call.method().getDeclaringClass();
		}

		@Override
		public String getMethodName(MethodCall call) {
			return call.method().getName();
		}

	}

}
