package dev.cloudtrace.autoconfigure.gcp;

import java.time.Duration;
import java.util.function.Supplier;

import com.google.auth.oauth2.GoogleCredentials;
import dev.cloudtrace.autoconfigure.CloudTraceProperties;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.contrib.gcp.resource.GCPResourceProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of what the starter knows about Google Cloud: the platform, the
 * credentials and the project that receives the spans.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CloudTraceProperties.class, PlatformDetectionProperties.class,
		CredentialsProperties.class })
public final class GoogleCloudAutoConfiguration {

	private static final Log logger = LogFactory.getLog(GoogleCloudAutoConfiguration.class);

	private static final String GCP_RESOURCE_PROVIDER = "io.opentelemetry.contrib.gcp.resource.GCPResourceProvider";

	@Bean
	@ConditionalOnMissingBean
	GoogleCloudPlatform googleCloudPlatform(PlatformDetectionProperties properties, Environment environment) {
		boolean onGoogleCloud = GoogleCloudPlatformHint.isOnGoogleCloud(environment::getProperty);
		boolean detect = switch (properties.getDetectGcp()) {
			case AUTO -> onGoogleCloud;
			case TRUE -> true;
			case FALSE -> false;
		};
		Supplier<Attributes> detector = ClassUtils.isPresent(GCP_RESOURCE_PROVIDER, getClass().getClassLoader())
				? PlatformDetector::detect : Attributes::empty;
		return new GoogleCloudPlatform(
				onGoogleCloud || properties.getDetectGcp() == PlatformDetectionProperties.GcpDetection.TRUE, detect,
				detector);
	}

	@Bean
	@ConditionalOnMissingBean
	GoogleCloudProject googleCloudProject(CloudTraceProperties properties, Environment environment,
			ObjectProvider<CachingGoogleCredentials> credentials, GoogleCloudPlatform platform) {
		CachingGoogleCredentials available = credentials.getIfAvailable();
		GoogleCloudProject project = GoogleCloudProjectResolver.resolve(properties.getProjectId(),
				environment::getProperty, (available != null) ? available::projectId : null, platform);
		// When spans land in an unexpected project, the first question is which of four
		// places the id came from.
		logger.debug(LogMessage.format("Google Cloud project %s, from %s", project.projectId().orElse("(none)"),
				project.source()));
		return project;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GoogleCredentials.class)
	@ConditionalOnBooleanProperty(name = "cloudtrace.credentials.enabled", matchIfMissing = true)
	static class CredentialsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CachingGoogleCredentials cloudTraceGoogleCredentials(CredentialsProperties properties, Environment environment,
				GoogleCloudPlatform platform) {
			GoogleCredentialsLoader loader = new GoogleCredentialsLoader(properties.getLocation(),
					environment::getProperty, platform.isOnGoogleCloud());
			return new CachingGoogleCredentials(loader, Duration.ofSeconds(30));
		}

	}

	/**
	 * Keeps the optional detector class out of the configuration class's signature.
	 */
	private static final class PlatformDetector {

		static Attributes detect() {
			return new GCPResourceProvider().getAttributes();
		}

	}

}
