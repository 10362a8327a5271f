package dev.cloudtrace.autoconfigure.web.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real application whose Micrometer observations already create server spans through the
 * OpenTelemetry bridge, wired as Spring Boot's Micrometer tracing auto-configuration wires
 * them: each request gets one server span, Micrometer's, and it continues the incoming trace
 * with this starter's propagators.
 */
class MicrometerServerObservationTests {

	private static final RecordedSpans spans = new RecordedSpans();

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void createsOneServerSpanPerRequest() throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.start("observed-server",
				ObservedApplication.class)) {
			assertThat(context.getBeansOfType(FilterRegistrationBean.class)).doesNotContainKey(
					"cloudTraceHttpServerTracingFilter");
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + TestApplications.port(context) + "/users/3"))
				.header("X-Cloud-Trace-Context", TRACE_ID + "/12345;o=1")
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			SpanData span = spans.await((candidate) -> candidate.getKind() == SpanKind.SERVER);
			assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("micrometer");
			assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(span.getParentSpanId()).isEqualTo(String.format("%016x", 12345L));
			assertThat(spans.ofKind(SpanKind.SERVER)).hasSize(1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(UserController.class)
	static class ObservedApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

		@Bean
		OtelTracer micrometerTracer(OpenTelemetry openTelemetry) {
			return new OtelTracer(openTelemetry.getTracer("micrometer"), new OtelCurrentTraceContext(), (event) -> {
			});
		}

		@Bean
		ObservationRegistry observationRegistry(OtelTracer tracer, OpenTelemetry openTelemetry) {
			ObservationRegistry registry = ObservationRegistry.create();
			OtelPropagator propagator = new OtelPropagator(openTelemetry.getPropagators(),
					openTelemetry.getTracer("micrometer"));
			registry.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

		@Bean
		FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry) {
			FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
					new ServerHttpObservationFilter(registry));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

	}

	@RestController
	static class UserController {

		@GetMapping("/users/{id}")
		String user(@PathVariable String id) {
			return "user " + id;
		}

	}

}
