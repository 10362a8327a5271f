package dev.cloudtrace.autoconfigure.sdk;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task of a Cloud Run job ({@code CLOUD_RUN_JOB}): a non-web application whose
 * {@code CommandLineRunner} does the work and that exits when it is done. Its spans reach
 * the (fake) Telemetry API when the task ends and the context closes, well before the next
 * scheduled export.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloudRunJobTests {

	private static final int STEPS = 4;

	@Test
	void taskSpansAreExportedWhenTheTaskEnds(CapturedOutput output) throws IOException {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ImportJob.class)
				.web(WebApplicationType.NONE)
				.properties("spring.application.name=nightly-import", "cloudtrace.project-id=orders-prod",
						"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(), "CLOUD_RUN_JOB=nightly-import",
						"CLOUD_RUN_EXECUTION=nightly-import-x7k2p", "CLOUD_RUN_TASK_INDEX=0")
				.run();
			long ending = System.nanoTime();
			assertThat(SpringApplication.exit(context)).isZero();
			Duration took = Duration.ofNanos(System.nanoTime() - ending);
			System.out.println("Exit of the Cloud Run job, flush included, took " + took.toMillis() + " ms");
			List<String> expected = new ArrayList<>(List.of("import"));
			IntStream.range(0, STEPS).forEach((i) -> expected.add("step-" + i));
			assertThat(api.spans()).extracting(ReceivedSpan::name).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(api.spans()).extracting(ReceivedSpan::traceId).containsOnly(api.spans().get(0).traceId());
			assertThat(took).isLessThan(Duration.ofSeconds(5));
			assertThat(output).contains("Cloud Run job nightly-import (execution nightly-import-x7k2p): spans are "
					+ "exported every 5s and when the task ends; on shutdown the flush waits at most 8s of the 10s "
					+ "grace period");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
			CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
			CloudTraceSdkAutoConfiguration.class })
	static class ImportJob {

		@Bean
		CommandLineRunner importTask(Tracer tracer) {
			return (args) -> {
				Span task = tracer.spanBuilder("import").startSpan();
				try (Scope scope = task.makeCurrent()) {
					for (int i = 0; i < STEPS; i++) {
						tracer.spanBuilder("step-" + i).startSpan().end();
					}
				}
				finally {
					task.end();
				}
			};
		}

	}

}
