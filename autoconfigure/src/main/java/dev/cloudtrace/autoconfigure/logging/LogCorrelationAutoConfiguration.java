package dev.cloudtrace.autoconfigure.logging;

import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudProject;
import dev.cloudtrace.autoconfigure.logging.structured.GcpLoggingContext;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.sdk.resources.Resource;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of logs that link to their trace: the current span's ids in the
 * logging MDC ({@link MdcTraceCorrelation}), and the project and service that the
 * {@code gcp} structured logging format writes ({@link GcpLoggingContext}).
 * <p>
 * What must happen before Spring Boot initializes logging, earlier than any bean, is done
 * by {@link LogCorrelationApplicationListener}. The properties are bound whenever tracing is
 * enabled, so that a value that is not a boolean fails startup even where it switches
 * something off.
 */
@AutoConfiguration(after = { GoogleCloudAutoConfiguration.class, CloudTraceSdkAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LoggingProperties.class)
public final class LogCorrelationAutoConfiguration {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MDC.class, ContextStorage.class })
	@ConditionalOnBooleanProperty(name = "cloudtrace.logging.mdc.enabled", matchIfMissing = true)
	static class MdcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MdcTraceCorrelation cloudTraceMdcTraceCorrelation() {
			return new MdcTraceCorrelation();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ StructuredLogFormatter.class, Resource.class })
	static class GcpStructuredLoggingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GcpLoggingContext cloudTraceGcpLoggingContext(ObjectProvider<GoogleCloudProject> project,
				ObjectProvider<Resource> resource) {
			GoogleCloudProject resolved = project.getIfAvailable();
			Resource service = resource.getIfAvailable();
			return new GcpLoggingContext((resolved != null) ? resolved.id() : null,
					(service != null) ? service.getAttribute(SERVICE_NAME) : null,
					(service != null) ? service.getAttribute(SERVICE_VERSION) : null);
		}

	}

}
