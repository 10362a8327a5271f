package dev.cloudtrace.autoconfigure.web;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Cloud Run forwards with the platform's "not sampled" parent, over real
 * HTTP: on Cloud Run (here {@code K_SERVICE}, set as a property) this service decides at
 * its own probability and its spans join the platform's trace; the user can still ask to
 * follow the parent.
 */
class PlatformParentSamplingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PLATFORM_SPAN_ID = "00f067aa0ba902b7";

	private static final String NOT_SAMPLED = "00-" + TRACE_ID + "-" + PLATFORM_SPAN_ID + "-00";

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final RecordedSpans decidingSpans = new RecordedSpans();

	private static final RecordedSpans followingSpans = new RecordedSpans();

	private static ConfigurableApplicationContext deciding;

	private static ConfigurableApplicationContext following;

	@BeforeAll
	static void start() {
		deciding = TestApplications.start("checkout", DecidingApplication.class, "K_SERVICE=checkout",
				"K_REVISION=checkout-00042-abc");
		following = TestApplications.start("checkout", FollowingApplication.class, "K_SERVICE=checkout",
				"K_REVISION=checkout-00042-abc", "cloudtrace.sampler.remote-parent-not-sampled=follow");
	}

	@AfterAll
	static void stop() {
		deciding.close();
		following.close();
	}

	@BeforeEach
	void clear() {
		decidingSpans.clear();
		followingSpans.clear();
	}

	@Test
	void recordsRequestWithUnsampledPlatformParentInThePlatformsTrace() throws Exception {
		HttpResponse<String> response = TestApplications.get(deciding, "/checkout", "traceparent", NOT_SAMPLED);
		SpanData server = decidingSpans.awaitServer("GET /checkout");
		assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(server.getParentSpanId()).isEqualTo(PLATFORM_SPAN_ID);
		assertThat(server.getParentSpanContext().isRemote()).isTrue();
		assertThat(server.getSpanContext().isSampled()).isTrue();
		// The call it makes carries the decision on, so the next service records it too.
		SpanData client = decidingSpans.awaitClient((span) -> span.getTraceId().equals(TRACE_ID));
		assertThat(response.body()).isEqualTo("00-" + TRACE_ID + "-" + client.getSpanId() + "-01");
		SpanData next = decidingSpans.awaitServer("GET /next");
		assertThat(next.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(next.getParentSpanId()).isEqualTo(client.getSpanId());
	}

	@Test
	void recordsRequestWithUnsampledCloudTraceContext() throws Exception {
		TestApplications.get(deciding, "/checkout", "X-Cloud-Trace-Context", TRACE_ID + "/12345;o=0");
		SpanData server = decidingSpans.awaitServer("GET /checkout");
		assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(server.getParentSpanId()).isEqualTo("0000000000003039");
	}

	@Test
	void followsUnsampledPlatformParentWhenTheUserAsksTo() throws Exception {
		TestApplications.get(following, "/checkout", "traceparent", NOT_SAMPLED);
		TestApplications.get(following, "/next");
		followingSpans.await((span) -> span.getKind() == SpanKind.SERVER
				&& "/next".equals(span.getAttributes().get(URL_PATH)) && !span.getTraceId().equals(TRACE_ID));
		Awaitility.await()
			.during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> followingSpans.all().stream().noneMatch((span) -> span.getTraceId().equals(TRACE_ID)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CheckoutController.class)
	static class DecidingApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return decidingSpans.processor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(CheckoutController.class)
	static class FollowingApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return followingSpans.processor();
		}

	}

	@RestController
	static class CheckoutController {

		private final RestClient restClient;

		private final Environment environment;

		CheckoutController(RestClient.Builder restClientBuilder, Environment environment) {
			this.restClient = restClientBuilder.build();
			this.environment = environment;
		}

		@GetMapping("/checkout")
		String checkout() {
			return this.restClient.get()
				.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/next")
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/next")
		String next(@RequestHeader(name = "traceparent", required = false) String traceparent) {
			return String.valueOf(traceparent);
		}

	}

}
