package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.api.annotation.support.MethodSpanAttributesExtractor;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategy;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.util.function.SingletonSupplier;

/**
 * Interceptor that wraps each call of a method annotated with {@link WithSpan} in a span,
 * named after the annotation or {@code ClassName.method}.
 * <p>
 * Parameters annotated with {@code @SpanAttribute} become attributes; an exception thrown by
 * the method is recorded on the span, which gets the ERROR status, and is rethrown
 * unchanged. When the method returns a {@code CompletableFuture} or {@code CompletionStage}
 * (or a Reactor {@code Mono} or {@code Flux}, given its end strategy), the span ends when
 * that value completes. The {@code CompletableFuture} returned to the caller is a dependent
 * of the method's own, so cancelling it does not cancel the method's work; a {@code Mono}
 * or {@code Flux} that is never subscribed to never ends its span.
 */
public class WithSpanMethodInterceptor implements MethodInterceptor {

	/**
	 * Instrumentation scope of the spans created by the interceptor.
	 */
	static final String INSTRUMENTATION_SCOPE = "dev.cloudtrace.annotations";

	// Created on the first call: the interceptor is part of a bean post-processor, which
	// exists before the SDK and must not bring it into being early.
	private final Supplier<Instrumenter<MethodCall, Object>> instrumenter;

	private final Supplier<List<AsyncOperationEndStrategy>> asyncEndStrategies;

	private final Map<MethodClassKey, TracedMethod> tracedMethods = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor that ends the span of a {@code CompletableFuture} or
	 * {@code CompletionStage} when it completes.
	 * @param openTelemetry the OpenTelemetry instance that creates the spans
	 */
	public WithSpanMethodInterceptor(OpenTelemetry openTelemetry) {
		this(() -> openTelemetry, List::of);
	}

	/**
	 * Creates an interceptor that ends the span of a {@code CompletableFuture} or
	 * {@code CompletionStage}, or of a value one of the given strategies supports, when it
	 * completes. Both suppliers are called once, on the first intercepted call.
	 * @param openTelemetry supplies the OpenTelemetry instance that creates the spans
	 * @param asyncEndStrategies supplies strategies for other asynchronous return types,
	 * such as Reactor's
	 */
	public WithSpanMethodInterceptor(Supplier<? extends OpenTelemetry> openTelemetry,
			Supplier<? extends Collection<? extends AsyncOperationEndStrategy>> asyncEndStrategies) {
		this.instrumenter = SingletonSupplier.of(() -> createInstrumenter(openTelemetry.get()));
		this.asyncEndStrategies = SingletonSupplier.of(() -> List.copyOf(asyncEndStrategies.get()));
	}

	private static Instrumenter<MethodCall, Object> createInstrumenter(OpenTelemetry openTelemetry) {
		return Instrumenter.<MethodCall, Object>builder(openTelemetry, INSTRUMENTATION_SCOPE, MethodCall::spanName)
			.addAttributesExtractor(CodeAttributesExtractor.create(MethodCall.CodeAttributes.INSTANCE))
			.addAttributesExtractor(
					MethodSpanAttributesExtractor.create(MethodCall::method, new SpanAttributeNames(), MethodCall::args))
			.buildInstrumenter(MethodCall::spanKind);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Instrumenter<MethodCall, Object> instrumenter = this.instrumenter.get();
		TracedMethod tracedMethod = tracedMethod(invocation);
		Context parent = tracedMethod.inheritContext() ? Context.current() : Context.root();
		MethodCall call = new MethodCall(tracedMethod, invocation.getArguments());
		if (!instrumenter.shouldStart(parent, call)) {
			return invocation.proceed();
		}
		Context context = instrumenter.start(parent, call);
		Object returned;
		try (Scope scope = context.makeCurrent()) {
			returned = invocation.proceed();
		}
		catch (Throwable ex) {
			instrumenter.end(context, call, null, ex);
			throw ex;
		}
		// AsyncOperationEndSupport would do this, but it only consults the library's global
		// registry; resolving strategies here takes beans and leaves global state alone.
		if (tracedMethod.endsAsynchronously(returned)) {
			return tracedMethod.asyncEndStrategy().end(instrumenter, context, call, returned, Object.class);
		}
		instrumenter.end(context, call, returned, null);
		return returned;
	}

	private TracedMethod tracedMethod(MethodInvocation invocation) {
		Method invoked = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invoked.getDeclaringClass();
		MethodClassKey key = new MethodClassKey(invoked, targetClass);
		TracedMethod tracedMethod = this.tracedMethods.get(key);
		if (tracedMethod == null) {
			tracedMethod = this.tracedMethods.computeIfAbsent(key,
					(ignored) -> TracedMethod.of(invoked, targetClass, this.asyncEndStrategies.get()));
		}
		return tracedMethod;
	}

}
