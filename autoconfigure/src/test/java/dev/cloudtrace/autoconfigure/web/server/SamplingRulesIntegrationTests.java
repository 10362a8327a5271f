package dev.cloudtrace.autoconfigure.web.server;

import java.time.Duration;
import java.util.List;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sampler's path rules and rate limit in a real application: the sampler sees the
 * request's {@code url.path} when the server span starts.
 */
class SamplingRulesIntegrationTests {

	private static final RecordedSpans spans = new RecordedSpans();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		// A default limit of one trace per 100 s: a burst of one, then nothing during the test.
		context = TestApplications.start("sampled-server", SamplingApplication.class,
				"cloudtrace.sampler.rate-limit=0.01", "cloudtrace.sampler.rules[0].path=/noisy/**",
				"cloudtrace.sampler.rules[0].probability=0", "cloudtrace.sampler.rules[1].path=/checkout/*");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void rulesDecideByRequestPathAndTheRateLimitCapsTheRest() throws Exception {
		for (int i = 0; i < 5; i++) {
			TestApplications.get(context, "/noisy/" + i);
			TestApplications.get(context, "/orders/" + i);
		}
		for (int i = 0; i < 5; i++) {
			TestApplications.get(context, "/checkout/" + i);
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> serverSpanNames().stream().filter((name) -> name.startsWith("GET /checkout")).count() == 5);
		List<String> names = serverSpanNames();
		assertThat(names).noneMatch((name) -> name.startsWith("GET /noisy"));
		assertThat(names).filteredOn((name) -> name.startsWith("GET /orders")).hasSize(1);
	}

	private static List<String> serverSpanNames() {
		return spans.ofKind(SpanKind.SERVER).stream().map(SpanData::getName).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SamplingController.class)
	static class SamplingApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

	}

	@RestController
	static class SamplingController {

		@GetMapping({ "/noisy/{id}", "/orders/{id}", "/checkout/{id}" })
		String get(@PathVariable String id) {
			return id;
		}

	}

}
