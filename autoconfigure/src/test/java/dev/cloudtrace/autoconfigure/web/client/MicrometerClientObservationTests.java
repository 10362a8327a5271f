package dev.cloudtrace.autoconfigure.web.client;

import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real applications whose HTTP clients carry Spring's Micrometer observation: with
 * Micrometer Tracing bridged to OpenTelemetry, each call gets one client span, Micrometer's;
 * with an observation that only records metrics, the starter's.
 */
class MicrometerClientObservationTests {

	// One per application: a context's shutdown also shuts its span processor down.
	private static final RecordedSpans bridgedSpans = new RecordedSpans();

	private static final RecordedSpans metricsOnlySpans = new RecordedSpans();

	private static ConfigurableApplicationContext bridged;

	private static ConfigurableApplicationContext metricsOnly;

	@BeforeAll
	static void start() {
		bridged = TestApplications.start("bridged", BridgedApplication.class);
		metricsOnly = TestApplications.start("metrics-only", MetricsOnlyApplication.class);
	}

	@AfterAll
	static void stop() {
		bridged.close();
		metricsOnly.close();
	}

	@BeforeEach
	void clear() {
		bridgedSpans.clear();
		metricsOnlySpans.clear();
	}

	@Test
	void restTemplateCallTracedByMicrometerGetsOneClientSpan() {
		RestTemplate restTemplate = bridged.getBean(RestTemplate.class);
		assertThat(restTemplate.getForObject(url(bridged, "/users/1"), String.class)).isEqualTo("user 1");
		assertOneMicrometerClientSpanContinuedByServer();
	}

	@Test
	void restClientCallTracedByMicrometerGetsOneClientSpan() {
		RestClient restClient = bridged.getBean(RestClient.class);
		assertThat(restClient.get().uri(url(bridged, "/users/2")).retrieve().body(String.class)).isEqualTo("user 2");
		assertOneMicrometerClientSpanContinuedByServer();
	}

	@Test
	void callObservedForMetricsOnlyGetsStarterClientSpan() {
		assertThat(metricsOnly.getBean(RestTemplate.class).getForObject(url(metricsOnly, "/users/3"), String.class))
			.isEqualTo("user 3");
		assertThat(metricsOnly.getBean(RestClient.class).get().uri(url(metricsOnly, "/users/4")).retrieve()
			.body(String.class)).isEqualTo("user 4");
		Awaitility.await().atMost(Duration.ofSeconds(10))
			.until(() -> metricsOnlySpans.ofKind(SpanKind.SERVER).size() == 2);
		List<SpanData> clients = metricsOnlySpans.ofKind(SpanKind.CLIENT);
		assertThat(clients).hasSize(2)
			.allSatisfy((client) -> assertThat(client.getInstrumentationScopeInfo().getName())
				.isEqualTo(HttpClientTelemetry.INSTRUMENTATION_NAME));
		assertThat(metricsOnlySpans.ofKind(SpanKind.SERVER))
			.allSatisfy((server) -> assertThat(clients).anySatisfy(
					(client) -> assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId())));
	}

	private void assertOneMicrometerClientSpanContinuedByServer() {
		SpanData server = bridgedSpans.await((span) -> span.getKind() == SpanKind.SERVER);
		SpanData client = bridgedSpans.await((span) -> span.getKind() == SpanKind.CLIENT);
		assertThat(client.getInstrumentationScopeInfo().getName()).isEqualTo("micrometer");
		assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
		assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
		assertThat(bridgedSpans.ofKind(SpanKind.CLIENT)).hasSize(1);
	}

	private static String url(ConfigurableApplicationContext context, String path) {
		return "http://127.0.0.1:" + TestApplications.port(context) + path;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ UserController.class, ObservedClients.class })
	static class BridgedApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return bridgedSpans.processor();
		}

		@Bean
		ObservationRegistry observationRegistry(OpenTelemetry openTelemetry) {
			OtelTracer tracer = new OtelTracer(openTelemetry.getTracer("micrometer"), new OtelCurrentTraceContext(),
					(event) -> {
					});
			OtelPropagator propagator = new OtelPropagator(openTelemetry.getPropagators(),
					openTelemetry.getTracer("micrometer"));
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ UserController.class, ObservedClients.class })
	static class MetricsOnlyApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return metricsOnlySpans.processor();
		}

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new CountingHandler());
			return registry;
		}

	}

	// Observed as Spring Boot's observation customizers would observe them.
	@Configuration(proxyBeanMethods = false)
	static class ObservedClients {

		@Bean
		RestTemplate restTemplate(RestTemplateBuilder builder, ObservationRegistry registry) {
			RestTemplate restTemplate = builder.build();
			restTemplate.setObservationRegistry(registry);
			return restTemplate;
		}

		@Bean
		RestClient restClient(RestClient.Builder builder, ObservationRegistry registry) {
			return builder.observationRegistry(registry).build();
		}

	}

	// Stands for a metrics handler: observes every call, makes no span.
	static class CountingHandler implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
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
