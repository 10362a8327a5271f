package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.RecordingSpanExporter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudTraceSdkAutoConfiguration}.
 */
class CloudTraceSdkAutoConfigurationTests {

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline();

	@Test
	void createsEverySdkBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Resource.class)
				.hasSingleBean(Sampler.class)
				.hasSingleBean(SpanLimits.class)
				.hasSingleBean(SdkTracerProvider.class)
				.hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(Tracer.class)
				.hasSingleBean(ContextPropagators.class)
				.hasSingleBean(SpanExportStatistics.class)
				.hasSingleBean(TracerProviderShutdown.class);
			assertThat(context.getBean(OpenTelemetry.class)).isInstanceOf(OpenTelemetrySdk.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			assertThat(openTelemetry.getPropagators()).isSameAs(context.getBean(ContextPropagators.class));
			assertThat(((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider())
				.isSameAs(context.getBean(SdkTracerProvider.class));
		});
	}

	@Test
	void serviceNameDefaultsToApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(resource(context).getAttribute(SERVICE_NAME)).isEqualTo("orders"));
	}

	@Test
	void serviceNamePropertyWinsOverApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=orders", "cloudtrace.resource.service-name=api")
			.run((context) -> assertThat(resource(context).getAttribute(SERVICE_NAME)).isEqualTo("api"));
	}

	@Test
	void serviceNameFallsBackToOtelServiceNameThenDefault() {
		this.contextRunner.withPropertyValues("OTEL_SERVICE_NAME=from-env")
			.run((context) -> assertThat(resource(context).getAttribute(SERVICE_NAME)).isEqualTo("from-env"));
		this.contextRunner
			.run((context) -> assertThat(resource(context).getAttribute(SERVICE_NAME)).isEqualTo("unknown_service:java"));
	}

	@Test
	void resourceCarriesNamespaceInstanceIdAttributesAndProject() {
		this.contextRunner
			.withPropertyValues("cloudtrace.resource.service-namespace=shop",
					"cloudtrace.resource.service-instance-id=pod-7", "cloudtrace.resource.attributes.team=payments",
					"cloudtrace.resource.attributes[deployment.environment.name]=prod")
			.run((context) -> {
				Resource resource = resource(context);
				assertThat(resource.getAttribute(AttributeKey.stringKey("service.namespace"))).isEqualTo("shop");
				assertThat(resource.getAttribute(SERVICE_INSTANCE_ID)).isEqualTo("pod-7");
				assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
				assertThat(resource.getAttribute(AttributeKey.stringKey("deployment.environment.name")))
					.isEqualTo("prod");
				assertThat(resource.getAttribute(AttributeKey.stringKey("gcp.project_id"))).isEqualTo("test-project");
				assertThat(resource.getAttribute(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
			});
	}

	@Test
	void serviceInstanceIdDefaultsToRandomUuid() {
		this.contextRunner.run((context) -> assertThat(resource(context).getAttribute(SERVICE_INSTANCE_ID))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
	}

	@Test
	void readsOtelResourceAttributesBelowConfiguredOnes() {
		this.contextRunner
			.withPropertyValues("OTEL_RESOURCE_ATTRIBUTES=team=env-team,region=europe%2Cwest,service.name=env-name",
					"cloudtrace.resource.attributes.team=configured-team")
			.run((context) -> {
				Resource resource = resource(context);
				assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("configured-team");
				assertThat(resource.getAttribute(AttributeKey.stringKey("region"))).isEqualTo("europe,west");
				assertThat(resource.getAttribute(SERVICE_NAME)).isEqualTo("env-name");
			});
	}

	@Test
	void serviceVersionComesFromBuildInfo() {
		this.contextRunner.withUserConfiguration(BuildInfoConfiguration.class)
			.run((context) -> assertThat(resource(context).getAttribute(AttributeKey.stringKey("service.version")))
				.isEqualTo("1.2.3"));
	}

	@Test
	void samplerIsParentBasedWithConfiguredRatio() {
		this.contextRunner.withPropertyValues("cloudtrace.sampler.probability=0.25")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.contains("ParentBased{root:TraceIdRatioBased{0.250000}"));
	}

	@Test
	void samplerHasNoRateLimitOrRulesByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
			.doesNotContain("RateLimit")
			.doesNotContain("RuleBased"));
	}

	@Test
	void samplerRateLimitComesFromProperties() {
		this.contextRunner.withPropertyValues("cloudtrace.sampler.probability=0.5", "cloudtrace.sampler.rate-limit=2.5")
			.run((context) -> assertThat(context.getBean(Sampler.class).getDescription())
				.contains("default:TraceIdRatioBased{0.500000}+RateLimit{2.5/s}"));
	}

	@Test
	void samplerRulesComeFromPropertiesInOrder() {
		this.contextRunner
			.withPropertyValues("cloudtrace.sampler.rules[0].path=/checkout/**",
					"cloudtrace.sampler.rules[1].path=/search", "cloudtrace.sampler.rules[1].probability=0.1",
					"cloudtrace.sampler.rules[1].rate-limit=3")
			.run((context) -> {
				Sampler sampler = context.getBean(Sampler.class);
				assertThat(sampler.getDescription()).contains("RuleBased{/checkout/**->TraceIdRatioBased{1.000000},"
						+ "/search->TraceIdRatioBased{0.100000}+RateLimit{3.0/s},default:TraceIdRatioBased{1.000000}}");
				assertThat(sampled(sampler, "/checkout/42")).isTrue();
			});
	}

	@Test
	void samplerRulesKeepTheRemoteParentSetting() {
		this.contextRunner
			.withPropertyValues("cloudtrace.sampler.remote-parent-not-sampled=decide",
					"cloudtrace.sampler.rules[0].path=/checkout/**")
			.run((context) -> assertThat(((CloudTraceSampler) context.getBean(Sampler.class))
				.getRemoteParentNotSampled()).isEqualTo(RemoteParentNotSampled.DECIDE));
	}

	@Test
	void samplerRulesNeedSpringWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.util.pattern"))
			.withPropertyValues("cloudtrace.sampler.rules[0].path=/checkout/**")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("'cloudtrace.sampler.rules[0].path'")
				.hasMessageContaining("needs Spring Web"));
	}

	@Test
	void failsOnRateLimitThatIsNotPositive() {
		assertInvalid("cloudtrace.sampler.rate-limit=0", "cloudtrace.sampler.rate-limit", "0.0", "greater than 0");
		assertInvalid("cloudtrace.sampler.rate-limit=-2", "cloudtrace.sampler.rate-limit", "-2.0", "greater than 0");
		assertInvalid("cloudtrace.sampler.rate-limit=NaN", "cloudtrace.sampler.rate-limit", "NaN", "greater than 0");
	}

	@Test
	void failsOnInvalidRules() {
		assertInvalid("cloudtrace.sampler.rules[0].probability=0.5", "cloudtrace.sampler.rules[0].path", "null",
				"needs a path pattern");
		this.contextRunner
			.withPropertyValues("cloudtrace.sampler.rules[0].path=/a", "cloudtrace.sampler.rules[1].path=/b",
					"cloudtrace.sampler.rules[1].probability=1.5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'cloudtrace.sampler.rules[1].probability'")
				.hasMessageContaining("'1.5'")
				.hasMessageContaining("from 0.0 to 1.0"));
		this.contextRunner
			.withPropertyValues("cloudtrace.sampler.rules[0].path=/a", "cloudtrace.sampler.rules[0].rate-limit=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'cloudtrace.sampler.rules[0].rate-limit'")
				.hasMessageContaining("greater than 0"));
		assertInvalid("cloudtrace.sampler.rules[0].path=checkout", "cloudtrace.sampler.rules[0].path", "checkout",
				"starting with '/'");
		assertInvalid("cloudtrace.sampler.rules[0].path=/a/**/b/{", "cloudtrace.sampler.rules[0].path", "/a/**/b/{",
				"Spring MVC syntax");
	}

	private static boolean sampled(Sampler sampler, String path) {
		return sampler
			.shouldSample(Context.root(), "4bf92f3577b34da6a3ce929d0e0e4736", "GET", SpanKind.SERVER,
					Attributes.of(AttributeKey.stringKey("url.path"), path), List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	@Test
	void spanLimitsComeFromProperties() {
		this.contextRunner
			.withPropertyValues("cloudtrace.limits.max-attributes=7", "cloudtrace.limits.max-attribute-value-length=9",
					"cloudtrace.limits.max-events=3", "cloudtrace.limits.max-links=2")
			.run((context) -> {
				SpanLimits limits = context.getBean(SpanLimits.class);
				assertThat(limits.getMaxNumberOfAttributes()).isEqualTo(7);
				assertThat(limits.getMaxAttributeValueLength()).isEqualTo(9);
				assertThat(limits.getMaxNumberOfEvents()).isEqualTo(3);
				assertThat(limits.getMaxNumberOfLinks()).isEqualTo(2);
			});
	}

	@Test
	void spanLimitsApplyToRecordedSpans() {
		this.contextRunner.withUserConfiguration(InMemoryProcessorConfiguration.class)
			.withPropertyValues("cloudtrace.limits.max-attributes=2", "cloudtrace.limits.max-attribute-value-length=5")
			.run((context) -> {
				Span span = context.getBean(Tracer.class).spanBuilder("limited").startSpan();
				span.setAttribute("a", "0123456789");
				span.setAttribute("b", "x");
				span.setAttribute("c", "dropped");
				span.end();
				SpanData data = InMemoryProcessorConfiguration.EXPORTER.getFinishedSpanItems().get(0);
				assertThat(data.getAttributes().size()).isEqualTo(2);
				assertThat(data.getAttributes().get(AttributeKey.stringKey("a"))).isEqualTo("01234");
				assertThat(data.getTotalAttributeCount()).isEqualTo(3);
			});
	}

	@Test
	void batchProcessorWrapsEachExporterBeanWithConfiguredSettings() {
		this.contextRunner.withUserConfiguration(UserExporterConfiguration.class)
			.withPropertyValues("cloudtrace.batch.max-queue-size=100", "cloudtrace.batch.max-export-batch-size=10",
					"cloudtrace.batch.schedule-delay=250ms", "cloudtrace.batch.export-timeout=7s")
			.run((context) -> {
				String description = context.getBean(SdkTracerProvider.class).toString();
				assertThat(description).contains("BatchSpanProcessor{")
					.contains("spanExporter=ReportingSpanExporter{" + UserExporterConfiguration.EXPORTER + "}")
					.contains("scheduleDelayNanos=" + Duration.ofMillis(250).toNanos())
					.contains("maxExportBatchSize=10")
					.contains("exporterTimeoutNanos=" + Duration.ofSeconds(7).toNanos());
			});
	}

	@Test
	void userExporterReceivesSpansThroughBatchProcessor() {
		this.contextRunner.withUserConfiguration(RecordingExporterConfiguration.class).run((context) -> {
			context.getBean(Tracer.class).spanBuilder("exported").startSpan().end();
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(context.getBean(RecordingSpanExporter.class).getSpans()).extracting(SpanData::getName)
				.containsExactly("exported");
		});
	}

	@Test
	void disabledExporterGetsNoBatchProcessor() {
		this.contextRunner.withUserConfiguration(DisabledExporterConfiguration.class).run((context) -> {
			String description = context.getBean(SdkTracerProvider.class).toString();
			assertThat(description).containsOnlyOnce("BatchSpanProcessor{")
				.contains("ReportingSpanExporter{" + UserExporterConfiguration.EXPORTER + "}")
				.doesNotContain("DisabledSpanExporter");
		});
	}

	@Test
	void customizersAreApplied() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			context.getBean(Tracer.class).spanBuilder("customized").startSpan().end();
			assertThat(CustomizerConfiguration.EXPORTER.getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactly("customized");
		});
	}

	@Test
	void silencesOpenTelemetrysExporterMessagesInSpringBootsLoggingSystem() {
		this.contextRunner.withUserConfiguration(LoggingSystemConfiguration.class)
			.run((context) -> assertThat(context.getBean(RecordingLoggingSystem.class).levels)
				.containsExactly(Map.entry("io.opentelemetry.exporter", LogLevel.OFF)));
	}

	@Test
	void tracerProviderIsShutDownAndFlushedOnClose() {
		AtomicReference<RecordingSpanExporter> exporter = new AtomicReference<>();
		this.contextRunner.withUserConfiguration(RecordingExporterConfiguration.class)
			.withPropertyValues("cloudtrace.batch.schedule-delay=1h")
			.run((context) -> {
				exporter.set(context.getBean(RecordingSpanExporter.class));
				context.getBean(Tracer.class).spanBuilder("queued").startSpan().end();
				assertThat(exporter.get().getSpans()).isEmpty();
			});
		assertThat(exporter.get().getSpans()).extracting(SpanData::getName).containsExactly("queued");
		assertThat(exporter.get().getShutdowns()).isPositive();
	}

	@Test
	void backsOffFromUserBeans() {
		this.contextRunner.withUserConfiguration(UserSdkBeansConfiguration.class).run((context) -> {
			assertThat(context.getBean(Resource.class)).isSameAs(UserSdkBeansConfiguration.RESOURCE);
			assertThat(context.getBean(Sampler.class)).isSameAs(Sampler.alwaysOff());
			assertThat(context.getBean(SpanLimits.class)).isSameAs(UserSdkBeansConfiguration.LIMITS);
			assertThat(context.getBean(SdkTracerProvider.class)).isSameAs(UserSdkBeansConfiguration.TRACER_PROVIDER);
			assertThat(context.getBean(OpenTelemetry.class)).isSameAs(UserSdkBeansConfiguration.OPEN_TELEMETRY);
			assertThat(context.getBean(Tracer.class)).isSameAs(UserSdkBeansConfiguration.TRACER);
			// Statistics and the bounded shutdown belong to the tracer provider the starter builds.
			assertThat(context).doesNotHaveBean(SpanExportStatistics.class)
				.doesNotHaveBean(TracerProviderShutdown.class);
		});
	}

	@Test
	void disabledGivesNoopOpenTelemetryAndNothingElse() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(OpenTelemetry.class)
				.doesNotHaveBean(SdkTracerProvider.class)
				.doesNotHaveBean(Resource.class)
				.doesNotHaveBean(Sampler.class)
				.doesNotHaveBean(ContextPropagators.class)
				.doesNotHaveBean(Tracer.class);
			assertThat(context.getBean(OpenTelemetry.class)).isSameAs(OpenTelemetry.noop());
		});
	}

	@Test
	void isNotRegisteredGloballyUnlessAsked() {
		this.contextRunner.run((context) -> assertThat(io.opentelemetry.api.GlobalOpenTelemetry.get())
			.isNotSameAs(context.getBean(OpenTelemetry.class)));
	}

	@Test
	void failsOnProbabilityOutOfRange() {
		assertInvalid("cloudtrace.sampler.probability=1.5", "cloudtrace.sampler.probability", "1.5",
				"from 0.0 to 1.0");
		assertInvalid("cloudtrace.sampler.probability=-0.1", "cloudtrace.sampler.probability", "-0.1",
				"from 0.0 to 1.0");
	}

	@Test
	void failsOnNonPositiveBatchSettings() {
		assertInvalid("cloudtrace.batch.max-queue-size=-1", "cloudtrace.batch.max-queue-size", "-1", "greater than 0");
		assertInvalid("cloudtrace.batch.max-export-batch-size=0", "cloudtrace.batch.max-export-batch-size", "0",
				"greater than 0");
		assertInvalid("cloudtrace.batch.schedule-delay=-5s", "cloudtrace.batch.schedule-delay", "PT-5S",
				"greater than 0");
		assertInvalid("cloudtrace.batch.export-timeout=0s", "cloudtrace.batch.export-timeout", "PT0S",
				"greater than 0");
	}

	@Test
	void failsWhenBatchIsLargerThanQueue() {
		this.contextRunner
			.withPropertyValues("cloudtrace.batch.max-queue-size=10", "cloudtrace.batch.max-export-batch-size=20")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("cloudtrace.batch.max-export-batch-size")
				.hasMessageContaining("no greater than cloudtrace.batch.max-queue-size (10)"));
	}

	@Test
	void failsOnNegativeLimits() {
		for (String property : List.of("max-attributes", "max-attribute-value-length", "max-events", "max-links")) {
			assertInvalid("cloudtrace.limits." + property + "=-3", "cloudtrace.limits." + property, "-3",
					"0 or more");
		}
	}

	private void assertInvalid(String pair, String property, String value, String allowed) {
		this.contextRunner.withPropertyValues(pair).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("'" + value + "'")
				.hasMessageContaining("'" + property + "'")
				.hasMessageContaining(allowed);
		});
	}

	private static Resource resource(org.springframework.context.ApplicationContext context) {
		return context.getBean(Resource.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class BuildInfoConfiguration {

		@Bean
		BuildProperties buildProperties() {
			Properties properties = new Properties();
			properties.setProperty("version", "1.2.3");
			return new BuildProperties(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryProcessorConfiguration {

		static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

		@Bean
		SpanProcessor inMemoryProcessor() {
			EXPORTER.reset();
			return SimpleSpanProcessor.create(EXPORTER);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserExporterConfiguration {

		static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

		@Bean
		InMemorySpanExporter userExporter() {
			return EXPORTER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(UserExporterConfiguration.class)
	static class DisabledExporterConfiguration {

		@Bean
		DisabledSpanExporter disabledExporter() {
			return new DisabledSpanExporter("switched off by the test");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingExporterConfiguration {

		@Bean
		RecordingSpanExporter recordingExporter() {
			return new RecordingSpanExporter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

		@Bean
		SdkTracerProviderBuilderCustomizer simpleProcessorCustomizer() {
			EXPORTER.reset();
			return (builder) -> builder.addSpanProcessor(SimpleSpanProcessor.create(EXPORTER));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoggingSystemConfiguration {

		@Bean
		RecordingLoggingSystem loggingSystem() {
			return new RecordingLoggingSystem();
		}

	}

	/**
	 * A logging system with no level configured, that records the levels set.
	 */
	static class RecordingLoggingSystem extends LoggingSystem {

		final Map<String, LogLevel> levels = new LinkedHashMap<>();

		@Override
		public void beforeInitialize() {
		}

		@Override
		public LoggerConfiguration getLoggerConfiguration(String loggerName) {
			return null;
		}

		@Override
		public void setLogLevel(String loggerName, LogLevel level) {
			this.levels.put(loggerName, level);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSdkBeansConfiguration {

		static final Resource RESOURCE = Resource.empty();

		static final SpanLimits LIMITS = SpanLimits.builder().build();

		static final SdkTracerProvider TRACER_PROVIDER = SdkTracerProvider.builder().build();

		static final OpenTelemetry OPEN_TELEMETRY = OpenTelemetry.noop();

		static final Tracer TRACER = OPEN_TELEMETRY.getTracer("user");

		@Bean
		Resource userResource() {
			return RESOURCE;
		}

		@Bean
		Sampler userSampler() {
			return Sampler.alwaysOff();
		}

		@Bean
		SpanLimits userLimits() {
			return LIMITS;
		}

		@Bean
		SdkTracerProvider userTracerProvider() {
			return TRACER_PROVIDER;
		}

		@Bean
		OpenTelemetry userOpenTelemetry() {
			return OPEN_TELEMETRY;
		}

		@Bean
		Tracer userTracer() {
			return TRACER;
		}

	}

}
