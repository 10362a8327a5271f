package dev.cloudtrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Sends the {@code getConnection} calls of a {@code DataSource} bean to its traced wrapper,
 * and every other call (pool settings and metrics, {@code unwrap}, {@code close}) to the
 * bean itself. The wrapper is made on the first connection, so that wrapping the bean does
 * not create the tracer provider.
 */
final class TracingDataSourceInterceptor implements MethodInterceptor {

	private final SingletonSupplier<DataSource> traced;

	TracingDataSourceInterceptor(DataSource dataSource, Supplier<DataSourceInstrumentation> instrumentation) {
		this.traced = SingletonSupplier.of(() -> instrumentation.get().instrument(dataSource));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!isGetConnection(method)) {
			return invocation.proceed();
		}
		Object[] arguments = invocation.getArguments();
		return (arguments.length == 0) ? this.traced.obtain().getConnection()
				: this.traced.obtain().getConnection((String) arguments[0], (String) arguments[1]);
	}

	private static boolean isGetConnection(Method method) {
		return method.getName().equals("getConnection") && method.getReturnType() == Connection.class
				&& (method.getParameterCount() == 0 || method.getParameterCount() == 2);
	}

}
