package dev.cloudtrace.autoconfigure.jdbc.sqlcommenter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;

/**
 * Base of the JDK proxies that put comments into the statements of a connection: answers
 * the methods of {@link Object} for the proxy itself and unwraps the exceptions of the
 * calls it forwards.
 * <p>
 * A proxy rather than a hand-written delegate of each JDBC interface, as the JDBC library
 * instrumentation does: only a handful of methods differ, and a proxy also forwards the
 * methods that later JDBC versions add.
 */
abstract class JdbcProxy implements InvocationHandler {

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> getClass().getSimpleName() + "[" + describe() + "]";
			};
		}
		return invokeJdbc(proxy, method, args);
	}

	abstract @Nullable Object invokeJdbc(Object proxy, Method method, Object @Nullable [] args) throws Throwable;

	abstract String describe();

	static @Nullable Object forward(Object target, Method method, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@SuppressWarnings("unchecked")
	static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(JdbcProxy.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
