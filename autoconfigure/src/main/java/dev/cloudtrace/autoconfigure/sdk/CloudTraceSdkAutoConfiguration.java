package dev.cloudtrace.autoconfigure.sdk;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.CloudTraceProperties;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudPlatform;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudPlatformHint;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudProject;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.PropagationProperties;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry SDK: resource, sampler, span limits, a tracer
 * provider with a batch span processor per exporter (whose failures and dropped spans are
 * reported once per episode and counted in {@link SpanExportStatistics}), a shutdown that
 * flushes within the shutdown timeout, and the {@link OpenTelemetry} and {@link Tracer}
 * beans. Where the defaults depend on the platform (Cloud Run, GKE), a
 * {@link DeploymentPlatform} says which apply.
 */
@AutoConfiguration(after = { GoogleCloudAutoConfiguration.class, CloudTracePropagationAutoConfiguration.class },
		beforeName = { "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(SdkTracerProvider.class)
@ConditionalOnBooleanProperty(name = "cloudtrace.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ CloudTraceProperties.class, ResourceProperties.class, SamplerProperties.class,
		BatchProperties.class, SpanLimitsProperties.class })
public final class CloudTraceSdkAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CloudTraceSdkAutoConfiguration.class);

	/**
	 * Instrumentation scope of the {@link Tracer} bean, used for the application's own
	 * spans.
	 */
	static final String TRACER_SCOPE = "dev.cloudtrace";

	@Bean
	@ConditionalOnMissingBean
	Resource cloudTraceResource(ResourceProperties properties, Environment environment,
			ObjectProvider<GoogleCloudPlatform> platform, ObjectProvider<GoogleCloudProject> project,
			ObjectProvider<BuildProperties> buildProperties) {
		GoogleCloudPlatform detected = platform.getIfAvailable();
		GoogleCloudProject resolved = project.getIfAvailable();
		BuildProperties build = buildProperties.getIfAvailable();
		return ServiceResourceFactory.create(properties, environment::getProperty,
				(detected != null) ? detected.getResource() : Resource.empty(),
				(resolved != null) ? resolved.id() : null, (build != null) ? build.getVersion() : null);
	}

	// The same environment lookup as GoogleCloudAutoConfiguration's hint, and its answer
	// when that configuration is there, so that both agree on whether this is Google Cloud.
	@Bean
	@ConditionalOnMissingBean
	DeploymentPlatform cloudTraceDeploymentPlatform(Environment environment,
			ObjectProvider<GoogleCloudPlatform> googleCloud) {
		GoogleCloudPlatform platform = googleCloud.getIfAvailable();
		boolean onGoogleCloud = (platform != null) ? platform.isOnGoogleCloud()
				: GoogleCloudPlatformHint.isOnGoogleCloud(environment::getProperty);
		return DeploymentPlatform.detect(environment::getProperty, onGoogleCloud);
	}

	@Bean
	@ConditionalOnMissingBean
	Sampler cloudTraceSampler(SamplerProperties properties, DeploymentPlatform platform) {
		CloudTraceSampler.Builder builder = CloudTraceSampler.builder()
			.setProbability(properties.getProbability())
			.setRemoteParentNotSampled(properties.remoteParentNotSampled(platform));
		if (properties.getRateLimit() != null) {
			builder.setRateLimit(properties.getRateLimit());
		}
		List<SamplerProperties.Rule> rules = properties.getRules();
		for (int i = 0; i < rules.size(); i++) {
			SamplerProperties.Rule rule = rules.get(i);
			builder.addRule(rule.getPath(), SamplingRulePaths.compile("cloudtrace.sampler.rules[" + i + "].path",
					rule.getPath()), rule.getProbability(), rule.getRateLimit());
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SpanLimits cloudTraceSpanLimits(SpanLimitsProperties properties) {
		return SpanLimits.builder()
			.setMaxNumberOfAttributes(properties.getMaxAttributes())
			.setMaxAttributeValueLength(properties.getMaxAttributeValueLength())
			.setMaxNumberOfEvents(properties.getMaxEvents())
			.setMaxNumberOfLinks(properties.getMaxLinks())
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SdkTracerProvider.class)
	static class TracerProviderConfiguration {

		// Shut down by cloudTraceTracerProviderShutdown, within the export timeout.
		@Bean(destroyMethod = "")
		SdkTracerProvider cloudTraceTracerProvider(Resource resource, Sampler sampler, SpanLimits spanLimits,
				BatchProperties batch, ObjectProvider<SpanExporter> spanExporters,
				ObjectProvider<SpanProcessor> spanProcessors,
				ObjectProvider<SdkTracerProviderBuilderCustomizer> customizers, ListableBeanFactory beanFactory,
				SpanExportStatistics statistics, ObjectProvider<LoggingSystem> loggingSystem,
				DeploymentPlatform platform, ObjectProvider<PropagationProperties> propagation) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(resource)
				.setSampler(sampler)
				.setSpanLimits(spanLimits);
			spanProcessors.orderedStream().forEach(builder::addSpanProcessor);
			// Spring Boot's logging system is a bean only in a SpringApplication; without it, nothing to set.
			loggingSystem.ifUnique(ExporterLoggers::silence);
			Map<SpanExporter, String> names = new IdentityHashMap<>();
			beanFactory.getBeansOfType(SpanExporter.class).forEach((name, exporter) -> names.put(exporter, name));
			// A disabled exporter (the default one without a Google Cloud project) gets no batch
			// processor: its queue and worker thread would carry spans to nowhere.
			List<SpanExporter> exporting = spanExporters.orderedStream()
				.filter((exporter) -> !(exporter instanceof DisabledSpanExporter))
				.toList();
			exporting.forEach((exporter) -> builder.addSpanProcessor(
					batch(names.getOrDefault(exporter, exporter.toString()), exporter, batch, platform, statistics)));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			SdkTracerProvider tracerProvider = builder.build();
			logPlatformSummary(platform,
					new PlatformExportSummary.Plan(!exporting.isEmpty(), batch.scheduleDelay(platform),
							batch.exportAtRequestStart(platform), batch.shutdownTimeout(platform),
							(sampler instanceof CloudTraceSampler ours) ? ours.getRemoteParentNotSampled() : null,
							propagation.getIfAvailable(PropagationProperties::new).isTrustIncoming()));
			return tracerProvider;
		}

		private static void logPlatformSummary(DeploymentPlatform platform, PlatformExportSummary.Plan plan) {
			String summary = PlatformExportSummary.describe(platform, plan);
			if (summary != null) {
				logger.info(summary);
			}
		}

		@Bean
		SpanExportStatistics cloudTraceSpanExportStatistics() {
			return new SpanExportStatistics();
		}

		@Bean
		TracerProviderShutdown cloudTraceTracerProviderShutdown(SdkTracerProvider tracerProvider,
				BatchProperties batch, DeploymentPlatform platform) {
			return new TracerProviderShutdown(tracerProvider, batch.shutdownTimeout(platform));
		}

		private static SpanProcessor batch(String name, SpanExporter exporter, BatchProperties properties,
				DeploymentPlatform platform, SpanExportStatistics statistics) {
			BatchSpanProcessorMetrics metrics = new BatchSpanProcessorMetrics();
			ReportingSpanExporter reporting = new ReportingSpanExporter(name, exporter, metrics::droppedSpans);
			statistics.register(reporting, metrics, properties.getMaxQueueSize());
			SpanProcessor processor = BatchSpanProcessor.builder(reporting)
				.setMaxQueueSize(properties.getMaxQueueSize())
				.setMaxExportBatchSize(properties.getMaxExportBatchSize())
				.setScheduleDelay(properties.scheduleDelay(platform))
				.setExporterTimeout(properties.getExportTimeout())
				.setMeterProvider(metrics.meterProvider())
				.build();
			if (!properties.exportAtRequestStart(platform)) {
				return processor;
			}
			return new RequestStartExportProcessor(processor, RequestStartExportProcessor.DEFAULT_INTERVAL);
		}

	}

	/**
	 * Applies the customizer beans of Spring Boot 4's own tracer provider
	 * ({@code spring-boot-micrometer-tracing-opentelemetry}), whose auto-configuration backs
	 * off from the starter's tracer provider.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = BootTracerProviderCustomizersConfiguration.BOOT_CUSTOMIZER)
	static class BootTracerProviderCustomizersConfiguration {

		static final String BOOT_CUSTOMIZER = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure."
				+ "SdkTracerProviderBuilderCustomizer";

		// First among the starter's customizers: Boot's run before the others, which win where both set something.
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SdkTracerProviderBuilderCustomizer cloudTraceBootTracerProviderCustomizers(
				ObjectProvider<org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer> customizers) {
			return (builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		}

	}

	// The tracer provider is shut down on its own (by cloudTraceTracerProviderShutdown, or as
	// the user's bean); closing the SDK too would do it twice.
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	OpenTelemetry openTelemetry(SdkTracerProvider tracerProvider, ContextPropagators propagators,
			CloudTraceProperties properties) {
		OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(tracerProvider)
			.setPropagators(propagators)
			.build();
		if (properties.isRegisterGlobal()) {
			try {
				GlobalOpenTelemetry.set(openTelemetry);
			}
			catch (IllegalStateException ex) {
				logger.warn("GlobalOpenTelemetry was already set; cloudtrace.register-global is ignored: "
						+ ex.getMessage());
			}
		}
		return openTelemetry;
	}

	@Bean
	@ConditionalOnMissingBean
	Tracer cloudTraceTracer(OpenTelemetry openTelemetry) {
		return openTelemetry.getTracer(TRACER_SCOPE);
	}

}
