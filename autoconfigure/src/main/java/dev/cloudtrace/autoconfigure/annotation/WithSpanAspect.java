package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.api.annotation.support.MethodSpanAttributesExtractor;
import io.opentelemetry.instrumentation.api.annotation.support.async.AsyncOperationEndStrategy;
import io.opentelemetry.instrumentation.api.incubator.semconv.code.CodeAttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

import org.springframework.core.MethodClassKey;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Aspect that wraps each call of a Spring bean method annotated with {@link WithSpan} in a
 * span, named after the annotation or {@code ClassName.method}.
 * <p>
 * Parameters annotated with {@code @SpanAttribute} become attributes; an exception thrown by
 * the method is recorded on the span, which gets the ERROR status, and is rethrown
 * unchanged. When the method returns a {@code CompletableFuture} or {@code CompletionStage}
 * (or a Reactor {@code Mono} or {@code Flux}, given its end strategy), the span ends when
 * that value completes.
 * <p>
 * Only calls through the bean's Spring proxy are traced: a method calling another method
 * of its own bean ({@code this.work()}) creates no span, and an annotation on an interface's
 * method is ignored. The {@code CompletableFuture} returned to the caller is a dependent of
 * the method's own, so cancelling it does not cancel the method's work; a {@code Mono} or
 * {@code Flux} that is never subscribed to never ends its span.
 */
@Aspect
@Order(WithSpanAspect.ORDER)
public class WithSpanAspect {

	/**
	 * Order of the aspect: ahead of transaction, caching and retry advice, so that the span
	 * covers all of their work, a commit included. An annotation rather than
	 * {@link Ordered}, so that sorting advisors does not create the aspect, and with it the
	 * SDK, before the bean post-processors are ready.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	/**
	 * Instrumentation scope of the spans created by the aspect.
	 */
	static final String INSTRUMENTATION_SCOPE = "dev.cloudtrace.annotations";

	private final Instrumenter<MethodCall, Object> instrumenter;

	private final List<AsyncOperationEndStrategy> asyncEndStrategies;

	private final Map<MethodClassKey, TracedMethod> tracedMethods = new ConcurrentHashMap<>();

	/**
	 * Creates an aspect that ends the span of a {@code CompletableFuture} or
	 * {@code CompletionStage} when it completes.
	 * @param openTelemetry the OpenTelemetry instance that creates the spans
	 */
	public WithSpanAspect(OpenTelemetry openTelemetry) {
		this(openTelemetry, List.of());
	}

	/**
	 * Creates an aspect that ends the span of a {@code CompletableFuture} or
	 * {@code CompletionStage}, or of a value one of the given strategies supports, when it
	 * completes.
	 * @param openTelemetry the OpenTelemetry instance that creates the spans
	 * @param asyncEndStrategies strategies for other asynchronous return types, such as
	 * Reactor's
	 */
	public WithSpanAspect(OpenTelemetry openTelemetry, Collection<? extends AsyncOperationEndStrategy> asyncEndStrategies) {
		this.instrumenter = Instrumenter.<MethodCall, Object>builder(openTelemetry, INSTRUMENTATION_SCOPE,
				MethodCall::spanName)
			.addAttributesExtractor(CodeAttributesExtractor.create(MethodCall.CodeAttributes.INSTANCE))
			.addAttributesExtractor(
					MethodSpanAttributesExtractor.create(MethodCall::method, new SpanAttributeNames(), MethodCall::args))
			.buildInstrumenter(MethodCall::spanKind);
		this.asyncEndStrategies = List.copyOf(asyncEndStrategies);
	}

	/**
	 * Runs the annotated method in a span.
	 * @param joinPoint the call of the annotated method
	 * @return what the method returned, or a value that completes with it when the span
	 * ends at its completion
	 * @throws Throwable what the method threw
	 */
	@Around("@annotation(io.opentelemetry.instrumentation.annotations.WithSpan)")
	public Object traceMethod(ProceedingJoinPoint joinPoint) throws Throwable {
		TracedMethod tracedMethod = tracedMethod(joinPoint);
		Context parent = tracedMethod.inheritContext() ? Context.current() : Context.root();
		MethodCall call = new MethodCall(tracedMethod, joinPoint);
		if (!this.instrumenter.shouldStart(parent, call)) {
			return joinPoint.proceed();
		}
		Context context = this.instrumenter.start(parent, call);
		Object returned;
		try (Scope scope = context.makeCurrent()) {
			returned = joinPoint.proceed();
		}
		catch (Throwable ex) {
			this.instrumenter.end(context, call, null, ex);
			throw ex;
		}
		// AsyncOperationEndSupport would do this, but it only consults the library's global
		// registry; resolving strategies here takes beans and leaves global state alone.
		if (tracedMethod.endsAsynchronously(returned)) {
			return tracedMethod.asyncEndStrategy().end(this.instrumenter, context, call, returned, Object.class);
		}
		this.instrumenter.end(context, call, returned, null);
		return returned;
	}

	private TracedMethod tracedMethod(ProceedingJoinPoint joinPoint) {
		Method invoked = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Object target = joinPoint.getTarget();
		Class<?> targetClass = (target != null) ? target.getClass() : invoked.getDeclaringClass();
		MethodClassKey key = new MethodClassKey(invoked, targetClass);
		TracedMethod tracedMethod = this.tracedMethods.get(key);
		if (tracedMethod == null) {
			tracedMethod = this.tracedMethods.computeIfAbsent(key,
					(ignored) -> TracedMethod.of(invoked, targetClass, this.asyncEndStrategies));
		}
		return tracedMethod;
	}

}
