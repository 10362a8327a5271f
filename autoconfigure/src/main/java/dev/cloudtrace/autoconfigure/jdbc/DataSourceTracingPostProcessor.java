package dev.cloudtrace.autoconfigure.jdbc;

import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.opentelemetry.instrumentation.jdbc.datasource.OpenTelemetryDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopConfigException;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps every {@link DataSource} bean once, so that its statements become spans.
 * <p>
 * The bean keeps its type: it is replaced by a proxy of its own class (a
 * {@code HikariDataSource} stays one), whose {@code getConnection} calls go to the JDBC
 * library instrumentation's wrapper and whose other calls go to the bean. Pool metrics,
 * health indicators, {@code unwrap}, Flyway and Liquibase see the pool as before.
 * <p>
 * Left alone: a data source that OpenTelemetry traces already (an
 * {@link OpenTelemetryDataSource}, or a {@code jdbc:otel:} URL), and a Spring data source
 * that delegates or routes to data sources that are traced already, whose statements would
 * otherwise make two spans.
 */
public class DataSourceTracingPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(DataSourceTracingPostProcessor.class);

	private static final boolean SPRING_JDBC_PRESENT = ClassUtils
		.isPresent("org.springframework.jdbc.datasource.DelegatingDataSource", null);

	private final Supplier<DataSourceInstrumentation> instrumentation;

	DataSourceTracingPostProcessor(Supplier<DataSourceInstrumentation> instrumentation) {
		this.instrumentation = SingletonSupplier.of(instrumentation);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || !shouldTrace(dataSource, beanName)) {
			return bean;
		}
		return proxy(dataSource);
	}

	private boolean shouldTrace(DataSource dataSource, String beanName) {
		if (dataSource instanceof TracedDataSource || dataSource instanceof OpenTelemetryDataSource
				|| ScopedProxyUtils.isScopedTarget(beanName) || usesOpenTelemetryDriver(dataSource)) {
			return false;
		}
		return !SPRING_JDBC_PRESENT || !SpringDataSources.delegatesToTracedDataSources(dataSource);
	}

	// The URL property of the common pools and drivers' data sources: jdbcUrl (HikariCP), url
	// (Tomcat JDBC, DBCP2, Spring's, H2's).
	private boolean usesOpenTelemetryDriver(DataSource dataSource) {
		BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		for (String name : new String[] { "jdbcUrl", "url" }) {
			try {
				if (properties.isReadableProperty(name) && properties.getPropertyValue(name) instanceof String url
						&& url.startsWith("jdbc:otel:")) {
					return true;
				}
			}
			catch (BeansException ex) {
				// A getter that fails is no URL.
			}
		}
		return false;
	}

	private Object proxy(DataSource dataSource) {
		ProxyFactory factory = new ProxyFactory(dataSource);
		factory.addInterface(TracedDataSource.class);
		factory.addAdvice(new TracingDataSourceInterceptor(dataSource, this.instrumentation));
		Class<?> type = dataSource.getClass();
		if (!Modifier.isFinal(type.getModifiers()) && !Proxy.isProxyClass(type)) {
			factory.setProxyTargetClass(true);
			try {
				return factory.getProxy();
			}
			catch (AopConfigException | IllegalArgumentException ex) {
				logger.debug("Cannot subclass " + type.getName() + ", proxying its interfaces instead", ex);
				factory.setProxyTargetClass(false);
			}
		}
		return factory.getProxy();
	}

	/**
	 * Spring's delegating and routing data sources, looked at only when spring-jdbc is present.
	 */
	private static final class SpringDataSources {

		static boolean delegatesToTracedDataSources(DataSource dataSource) {
			if (dataSource instanceof DelegatingDataSource delegating) {
				return delegating.getTargetDataSource() instanceof TracedDataSource;
			}
			if (dataSource instanceof AbstractRoutingDataSource routing) {
				return !routing.getResolvedDataSources().isEmpty() && routing.getResolvedDataSources()
					.values()
					.stream()
					.allMatch(TracedDataSource.class::isInstance);
			}
			return false;
		}

	}

}
