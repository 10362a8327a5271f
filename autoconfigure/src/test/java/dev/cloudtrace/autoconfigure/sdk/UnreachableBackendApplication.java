package dev.cloudtrace.autoconfigure.sdk;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application that {@link TracerProviderShutdownTests} runs in a JVM of its own: it makes
 * spans for an export endpoint that refuses connections and returns from {@code main}
 * without closing anything, as a batch job or a command-line tool would.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
		CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
		CloudTraceSdkAutoConfiguration.class })
public class UnreachableBackendApplication {

	/**
	 * Signals on standard output that {@code main} is about to return.
	 */
	static final String MAIN_RETURNS = "main returns";

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(UnreachableBackendApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=batch-job", "cloudtrace.project-id=orders-prod",
					"cloudtrace.credentials.enabled=false", "cloudtrace.resource.detect-gcp=false",
					"cloudtrace.exporter.type=cloud-trace,logging", "cloudtrace.exporter.cloud-trace.endpoint=" + args[0],
					"cloudtrace.batch.schedule-delay=1h", "cloudtrace.batch.export-timeout=" + args[1])
			.run();
		Tracer tracer = context.getBean(Tracer.class);
		for (int i = 0; i < 10; i++) {
			tracer.spanBuilder("step-" + i).startSpan().end();
		}
		System.out.println(MAIN_RETURNS);
	}

}
