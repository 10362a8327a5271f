package dev.cloudtrace.autoconfigure.export;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.export.cloudtrace.AuthenticatedSpanExporter;
import dev.cloudtrace.autoconfigure.export.cloudtrace.CloudTraceV2SpanExporter;
import dev.cloudtrace.autoconfigure.export.logging.TraceTreeSpanExporter;
import dev.cloudtrace.autoconfigure.sdk.DisabledSpanExporter;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudTraceExportAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloudTraceExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CloudTraceContextRunners.foundation())
		.withPropertyValues(CloudTraceContextRunners.OFFLINE)
		.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=http://127.0.0.1:9");

	@Test
	void cloudTraceIsTheDefaultExporter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SpanExporter.class).hasBean("cloudTraceSpanExporter");
			assertThat(context.getBean("cloudTraceSpanExporter")).isInstanceOf(AuthenticatedSpanExporter.class);
			assertThat(context.getBean("cloudTraceSpanExporter").toString())
				.contains("OtlpHttpSpanExporter{endpoint=http://127.0.0.1:9/v1/traces")
				.contains("(built on first export)");
		});
	}

	@Test
	void cloudTraceExporterPostsToTracesPathOfEndpoint() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=http://localhost:4318/")
			.run((context) -> assertThat(context.getBean("cloudTraceSpanExporter").toString())
				.contains("endpoint=http://localhost:4318/v1/traces")
				.contains("compression=none")
				.contains("timeout=PT10S"));
	}

	@Test
	void cloudTraceTimeoutAndCompressionAreHonoured() {
		this.contextRunner
			.withPropertyValues("cloudtrace.exporter.cloud-trace.timeout=3s",
					"cloudtrace.exporter.cloud-trace.compression=gzip")
			.run((context) -> assertThat(context.getBean("cloudTraceSpanExporter").toString())
				.contains("timeout=PT3S")
				.contains("compression=gzip"));
	}

	@Test
	void createsEachListedExporter() {
		this.contextRunner
			.withPropertyValues("cloudtrace.exporter.type=cloud-trace,cloud-trace-v2,otlp,logging",
					"cloudtrace.exporter.cloud-trace-v2.endpoint=127.0.0.1:9")
			.run((context) -> {
				assertThat(context).getBeans(SpanExporter.class)
					.containsOnlyKeys("cloudTraceSpanExporter", "cloudTraceV2SpanExporter", "otlpSpanExporter",
							"loggingSpanExporter");
				assertThat(context.getBean("cloudTraceV2SpanExporter")).isInstanceOf(CloudTraceV2SpanExporter.class);
				assertThat(((DeferredSpanExporter) context.getBean("otlpSpanExporter")).delegate())
					.isInstanceOf(OtlpHttpSpanExporter.class);
				assertThat(context.getBean("loggingSpanExporter")).isInstanceOf(TraceTreeSpanExporter.class);
				assertThat(context.getBean(SdkTracerProvider.class).toString()).contains("AuthenticatedSpanExporter")
					.contains("TraceTreeSpanExporter");
			});
	}

	@Test
	void otlpExporterIsBuiltOnFirstUseWithTheConfiguredSettings() {
		this.contextRunner
			.withPropertyValues("cloudtrace.exporter.type=otlp", "cloudtrace.exporter.otlp.endpoint=http://127.0.0.1:9",
					"cloudtrace.exporter.otlp.timeout=3s", "cloudtrace.exporter.otlp.compression=gzip")
			.run((context) -> {
				DeferredSpanExporter exporter = (DeferredSpanExporter) context.getBean("otlpSpanExporter");
				assertThat(exporter).hasToString(
						"OtlpHttpSpanExporter{endpoint=http://127.0.0.1:9/v1/traces, compression=gzip, timeout=PT3S} "
								+ "(built on first export)");
				SpanExporter built = exporter.delegate();
				assertThat(built).isInstanceOf(OtlpHttpSpanExporter.class).isSameAs(exporter.delegate());
				assertThat(built.toString()).contains("endpoint=http://127.0.0.1:9/v1/traces")
					.contains("compressorEncoding=gzip")
					.contains("timeoutNanos=3000000000")
					.contains("memoryMode=REUSABLE_DATA");
				assertThat(exporter).hasToString(built.toString());
			});
	}

	@Test
	void otlpDefaultsToLocalCollector() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=otlp")
			.run((context) -> assertThat(context.getBean("otlpSpanExporter").toString())
				.contains("endpoint=http://localhost:4318/v1/traces"));
	}

	@Test
	void otlpOverGrpcUsesItsOwnDefaultPort() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=otlp", "cloudtrace.exporter.otlp.protocol=grpc")
			.run((context) -> assertThat(context.getBean("otlpSpanExporter").toString())
				.contains("OtlpGrpcSpanExporter")
				.contains("endpoint=http://localhost:4317"));
	}

	@Test
	void noneCreatesNoExporter() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=none").run((context) -> {
			assertThat(context).doesNotHaveBean(SpanExporter.class);
			assertThat(context).hasSingleBean(SdkTracerProvider.class);
		});
	}

	@Test
	void eachExporterBacksOffFromUserBeanOfSameName() {
		this.contextRunner.withUserConfiguration(UserExportersConfiguration.class)
			.withPropertyValues("cloudtrace.exporter.type=cloud-trace,cloud-trace-v2,otlp,logging")
			.run((context) -> {
				assertThat(context).getBeans(SpanExporter.class).hasSize(4);
				assertThat(context.getBeansOfType(SpanExporter.class).values())
					.allSatisfy((exporter) -> assertThat(exporter).isSameAs(UserExportersConfiguration.NOOP));
			});
	}

	@Test
	void missingProjectWithDefaultExporterWarnsAndExportsNothing(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
			.withPropertyValues("cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("cloudTraceSpanExporter")).isInstanceOf(DisabledSpanExporter.class)
					.hasToString("DisabledSpanExporter{no Google Cloud project id}");
				// Nor a batch processor, whose worker thread would idle for the life of the app.
				assertThat(context.getBean(SdkTracerProvider.class).toString()).doesNotContain("BatchSpanProcessor");
				assertThat(context).hasSingleBean(ContextPropagators.class);
				assertThat(output).containsOnlyOnce("No Google Cloud project id found")
					.contains("set cloudtrace.project-id or the GOOGLE_CLOUD_PROJECT environment variable");
			});
	}

	@Test
	void missingProjectWithExplicitCloudTraceFailsStartup() {
		new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
			.withPropertyValues("cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
					"cloudtrace.exporter.type=cloud-trace")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("cloudtrace.project-id")
				.hasMessageContaining("set cloudtrace.project-id or the GOOGLE_CLOUD_PROJECT environment variable"));
	}

	@Test
	void projectComesFromGoogleCloudProjectVariable() {
		new ApplicationContextRunner().withConfiguration(CloudTraceContextRunners.foundation())
			.withPropertyValues("cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
					"cloudtrace.exporter.type=cloud-trace", "GOOGLE_CLOUD_PROJECT=from-env")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("cloudTraceSpanExporter"));
	}

	@Test
	void refusesCredentialsInPlainTextToRemoteHost() {
		this.contextRunner
			.withPropertyValues("cloudtrace.credentials.enabled=true",
					"cloudtrace.exporter.cloud-trace.endpoint=http://telemetry.example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("'http://telemetry.example.com'")
				.hasMessageContaining("cloudtrace.exporter.cloud-trace.endpoint")
				.hasMessageContaining("never sent in plain text"));
	}

	@Test
	void acceptsPlainHttpToRemoteHostWithoutCredentials() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=http://collector.internal:4318")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("cloudTraceSpanExporter"));
	}

	@Test
	void failsOnMalformedEndpoint() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=telemetry.googleapis.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("'telemetry.googleapis.com'")
				.hasMessageContaining("absolute http:// or https:// URL"));
		this.contextRunner
			.withPropertyValues("cloudtrace.exporter.type=otlp", "cloudtrace.exporter.otlp.endpoint=ftp://x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cloudtrace.exporter.otlp.endpoint"));
	}

	@Test
	void failsOnUnknownExporterTypeNamingValidOnes() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=zipkin")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(org.springframework.beans.factory.BeanCreationException.class)
				.rootCause()
				.hasMessageContaining("zipkin"));
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=zipkin")
			.run((context) -> assertThat(context.getStartupFailure()).hasCauseInstanceOf(BindException.class));
	}

	@Test
	void failsWhenNoneIsCombined() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.type=none,otlp")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cloudtrace.exporter.type")
				.hasMessageContaining("'none' cannot be combined"));
	}

	@Test
	void failsOnNonPositiveTimeout() {
		this.contextRunner.withPropertyValues("cloudtrace.exporter.otlp.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'cloudtrace.exporter.otlp.timeout'")
				.hasMessageContaining("greater than 0"));
	}

	@Test
	void cloudTraceV2WithoutItsLibraryFailsWithClearMessage() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.google.cloud.opentelemetry.trace"))
			.withPropertyValues("cloudtrace.exporter.type=cloud-trace-v2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidCloudTracePropertyException.class)
				.hasMessageContaining("com.google.cloud.opentelemetry:exporter-trace"));
	}

	@Test
	void defaultPathDoesNotNeedTheV2Library() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.google.cloud.opentelemetry.trace"))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("cloudTraceSpanExporter"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExportersConfiguration {

		static final SpanExporter NOOP = SpanExporter.composite();

		@Bean
		SpanExporter cloudTraceSpanExporter() {
			return NOOP;
		}

		@Bean
		SpanExporter cloudTraceV2SpanExporter() {
			return NOOP;
		}

		@Bean
		SpanExporter otlpSpanExporter() {
			return NOOP;
		}

		@Bean
		SpanExporter loggingSpanExporter() {
			return NOOP;
		}

	}

}
