package dev.cloudtrace.autoconfigure.annotation;

import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * Bean post-processor that proxies every bean with a method annotated with
 * {@link WithSpan}, so that calls through the proxy run in a span.
 * <p>
 * A plain Spring AOP advisor, as Spring's own {@code @Async} and method validation use:
 * no AspectJ weaver is needed, and nothing is parsed at startup but the annotation. On a
 * bean that another advisor already proxies (transactions, caching, retry, aspects), the
 * span's advice goes first, so that the span covers all of their work, a commit included.
 */
public class WithSpanAdvisingPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor {

	/**
	 * Creates a post-processor that applies the given interceptor.
	 * @param interceptor the interceptor that wraps each annotated call in a span
	 */
	public WithSpanAdvisingPostProcessor(WithSpanMethodInterceptor interceptor) {
		this.advisor = new DefaultPointcutAdvisor(new WithSpanMethodPointcut(), interceptor);
		setBeforeExistingAdvisors(true);
	}

}
