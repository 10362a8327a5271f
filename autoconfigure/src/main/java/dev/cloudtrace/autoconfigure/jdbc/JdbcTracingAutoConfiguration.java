package dev.cloudtrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.resources.Resource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of database spans: every {@link DataSource} bean is wrapped with
 * OpenTelemetry's JDBC library instrumentation (see {@link DataSourceTracingPostProcessor}).
 */
@AutoConfiguration(after = CloudTraceSdkAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, JdbcTelemetry.class, Resource.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(JdbcTracingProperties.class)
public final class JdbcTracingAutoConfiguration {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	// Static, and given providers only: a bean post-processor is created before other beans,
	// and the instrumentation is made when the first connection is asked for.
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "cloudtrace.jdbc.enabled", matchIfMissing = true)
	static DataSourceTracingPostProcessor cloudTraceDataSourceTracingPostProcessor(
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<JdbcTracingProperties> properties,
			ObjectProvider<Resource> resource) {
		return new DataSourceTracingPostProcessor(() -> new DataSourceInstrumentation(openTelemetry.getObject(),
				properties.getObject(), serviceName(resource.getIfUnique())));
	}

	private static @Nullable String serviceName(@Nullable Resource resource) {
		return (resource != null) ? resource.getAttribute(SERVICE_NAME) : null;
	}

}
