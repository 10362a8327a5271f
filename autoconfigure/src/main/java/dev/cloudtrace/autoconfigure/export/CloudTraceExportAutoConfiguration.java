package dev.cloudtrace.autoconfigure.export;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.cloudtrace.autoconfigure.CloudTraceProperties;
import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.export.ExporterProperties.CloudTrace;
import dev.cloudtrace.autoconfigure.export.ExporterProperties.CloudTraceV2;
import dev.cloudtrace.autoconfigure.export.ExporterProperties.Otlp;
import dev.cloudtrace.autoconfigure.export.cloudtrace.AuthenticatedSpanExporter;
import dev.cloudtrace.autoconfigure.export.cloudtrace.CloudTraceV2SpanExporter;
import dev.cloudtrace.autoconfigure.export.cloudtrace.GoogleAuthHeaders;
import dev.cloudtrace.autoconfigure.export.logging.TraceTreeSpanExporter;
import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import dev.cloudtrace.autoconfigure.gcp.CredentialsProperties;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudProject;
import dev.cloudtrace.autoconfigure.sdk.BatchProperties;
import dev.cloudtrace.autoconfigure.sdk.DisabledSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the span exporters listed in {@code cloudtrace.exporter.type}. Each
 * is a {@link SpanExporter} bean that the tracer provider wraps in its own batch span
 * processor; a user's own {@link SpanExporter} beans are added the same way.
 */
@AutoConfiguration(after = GoogleCloudAutoConfiguration.class)
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CloudTraceProperties.class, ExporterProperties.class, CredentialsProperties.class,
		BatchProperties.class })
public final class CloudTraceExportAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CloudTraceExportAutoConfiguration.class);

	private static final String NO_PROJECT = "no Google Cloud project id";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OtlpHttpSpanExporter.class)
	@ConditionalOnExporterType(ExporterType.CLOUD_TRACE)
	static class CloudTraceExporterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cloudTraceSpanExporter")
		SpanExporter cloudTraceSpanExporter(ExporterProperties exporter, CredentialsProperties credentialsProperties,
				BatchProperties batch, GoogleCloudProject project, ObjectProvider<CachingGoogleCredentials> credentials,
				Environment environment) {
			CloudTrace properties = exporter.getCloudTrace();
			URI endpoint = OtlpEndpoints.parse("cloudtrace.exporter.cloud-trace.endpoint", properties.getEndpoint());
			InvalidCloudTracePropertyException.check(
					!credentialsProperties.isEnabled() || "https".equals(endpoint.getScheme())
							|| OtlpEndpoints.isLoopback(endpoint),
					"cloudtrace.exporter.cloud-trace.endpoint", properties.getEndpoint(),
					"credentials are never sent in plain text: use https://, or http:// only for a loopback host.");
			String projectId = requireProjectId(project, "cloud-trace", environment);
			if (projectId == null) {
				return new DisabledSpanExporter(NO_PROJECT);
			}
			CachingGoogleCredentials googleCredentials = credentialsProperties.isEnabled()
					? requireCredentials(credentials) : null;
			GoogleAuthHeaders headers = new GoogleAuthHeaders(projectId, googleCredentials, endpoint);
			SpanExporter otlp = OtlpSpanExporters.create("cloudtrace.exporter.cloud-trace", endpoint,
					properties.getProtocol(), exportTimeout(properties.getTimeout(), batch), properties.getCompression(),
					headers);
			return new AuthenticatedSpanExporter(otlp, headers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExporterType(ExporterType.CLOUD_TRACE_V2)
	static class CloudTraceV2ExporterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cloudTraceV2SpanExporter")
		@ConditionalOnClass(name = "com.google.cloud.opentelemetry.trace.TraceExporter")
		SpanExporter cloudTraceV2SpanExporter(ExporterProperties exporter, CredentialsProperties credentialsProperties,
				BatchProperties batch, GoogleCloudProject project, ObjectProvider<CachingGoogleCredentials> credentials,
				Environment environment) {
			CloudTraceV2 properties = exporter.getCloudTraceV2();
			String projectId = requireProjectId(project, "cloud-trace-v2", environment);
			if (projectId == null) {
				return new DisabledSpanExporter(NO_PROJECT);
			}
			return new CloudTraceV2SpanExporter(projectId, properties.getEndpoint(),
					exportTimeout(properties.getTimeout(), batch),
					credentialsProperties.isEnabled() ? requireCredentials(credentials) : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExporterType(ExporterType.CLOUD_TRACE_V2)
	@ConditionalOnMissingClass("com.google.cloud.opentelemetry.trace.TraceExporter")
	static class MissingCloudTraceV2ExporterConfiguration {

		MissingCloudTraceV2ExporterConfiguration() {
			throw new InvalidCloudTracePropertyException("cloudtrace.exporter.type", "cloud-trace-v2",
					"cloud-trace-v2 needs com.google.cloud.opentelemetry:exporter-trace on the classpath "
							+ "(an optional dependency: add it to your build), or use cloud-trace.");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OtlpHttpSpanExporter.class)
	@ConditionalOnExporterType(ExporterType.OTLP)
	static class OtlpExporterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "otlpSpanExporter")
		SpanExporter otlpSpanExporter(ExporterProperties exporter, BatchProperties batch) {
			Otlp properties = exporter.getOtlp();
			String defaultEndpoint = (properties.getProtocol() == OtlpProtocol.GRPC) ? "http://localhost:4317"
					: "http://localhost:4318";
			String configured = (properties.getEndpoint() != null) ? properties.getEndpoint() : defaultEndpoint;
			URI endpoint = OtlpEndpoints.parse("cloudtrace.exporter.otlp.endpoint", configured);
			Map<String, String> headers = Map.copyOf(properties.getHeaders());
			return OtlpSpanExporters.create("cloudtrace.exporter.otlp", endpoint, properties.getProtocol(),
					exportTimeout(properties.getTimeout(), batch), properties.getCompression(), () -> headers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExporterType(ExporterType.LOGGING)
	static class LoggingExporterConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "loggingSpanExporter")
		SpanExporter loggingSpanExporter() {
			return TraceTreeSpanExporter.toLog();
		}

	}

	/**
	 * Returns the time an exporter may spend on one export, retries included: its own
	 * timeout, but at most four fifths of {@code cloudtrace.batch.export-timeout}, so that
	 * an export with its last backoff still ends before the batch span processor stops
	 * waiting for it. Every export then ends with a result the processor sees (and the
	 * failure is reported), instead of running on after the processor gave up.
	 * @param timeout the exporter's timeout
	 * @param batch the batch properties
	 * @return the time one export may take
	 */
	static Duration exportTimeout(Duration timeout, BatchProperties batch) {
		Duration limit = batch.getExportTimeout().multipliedBy(4).dividedBy(5);
		return (timeout.compareTo(limit) <= 0) ? timeout : limit;
	}

	private static @Nullable String requireProjectId(GoogleCloudProject project, String type,
			Environment environment) {
		if (project.id() != null) {
			return project.id();
		}
		String howTo = "set cloudtrace.project-id or the GOOGLE_CLOUD_PROJECT environment variable, "
				+ "or use credentials that name a project.";
		if (OnExporterTypeCondition.isConfigured(environment)) {
			throw new InvalidCloudTracePropertyException("cloudtrace.project-id", "(none)",
					"cloudtrace.exporter.type lists " + type + ", which needs a Google Cloud project: " + howTo);
		}
		logger.warn("No Google Cloud project id found, so spans are not exported to Cloud Trace (trace context is "
				+ "still propagated). To export, " + howTo + " To silence this, set cloudtrace.exporter.type.");
		return null;
	}

	private static CachingGoogleCredentials requireCredentials(ObjectProvider<CachingGoogleCredentials> credentials) {
		CachingGoogleCredentials available = credentials.getIfAvailable();
		InvalidCloudTracePropertyException.check(available != null, "cloudtrace.credentials.enabled", true,
				"credentials need com.google.auth:google-auth-library-oauth2-http on the classpath, "
						+ "or set cloudtrace.credentials.enabled=false.");
		return available;
	}

}
