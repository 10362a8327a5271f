package dev.cloudtrace.autoconfigure.logging;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import dev.cloudtrace.autoconfigure.logging.LogLines.TextLine;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many client threads for a few seconds against a real application that logs in each
 * request, on Tomcat's pooled threads: every line carries the ids of its own request's spans,
 * no two requests share a trace, and a request without a span (on an excluded path), served
 * by a thread that has served traced requests, logs no ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogCorrelationConcurrencyTests {

	private static final int THREADS = 8;

	private static final Duration LOAD = Duration.ofSeconds(4);

	private static final int MAX_REQUESTS_PER_THREAD = 400;

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final Queue<Ended> ended = new ConcurrentLinkedQueue<>();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		context = TestApplications.start("concurrent-logs", ConcurrentLoggingApplication.class);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void noLineCarriesAnotherRequestsIds(CapturedOutput output) throws Exception {
		long deadline = System.nanoTime() + LOAD.toNanos();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		List<Future<List<Sent>>> futures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			futures.add(executor.submit(() -> load(thread, deadline)));
		}
		List<Sent> sent = new ArrayList<>();
		for (Future<List<Sent>> future : futures) {
			sent.addAll(future.get());
		}
		executor.shutdown();
		long traced = sent.stream().filter((request) -> !request.untraced()).count();
		assertThat(traced).isGreaterThan(THREADS * 10);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() >= traced * 2);
		Map<String, Ended> servers = new HashMap<>();
		Map<String, Ended> workByParent = new HashMap<>();
		for (Ended span : ended) {
			if (span.kind() == SpanKind.SERVER) {
				servers.put(span.path().substring(span.path().lastIndexOf('/') + 1), span);
			}
			else {
				workByParent.put(span.parentSpanId(), span);
			}
		}
		Map<String, List<TextLine>> lines = LogLines.text(output.getOut())
			.stream()
			.collect(Collectors.groupingBy((line) -> line.message().substring(line.message().indexOf(' ') + 1)));
		Set<String> traceIds = new HashSet<>();
		for (Sent request : sent) {
			List<TextLine> own = lines.get(request.id());
			if (request.untraced()) {
				assertThat(own).as("lines of %s", request.id())
					.singleElement()
					.satisfies((line) -> assertThat(line.traceId()).as("trace id of %s", line).isNull());
				continue;
			}
			assertThat(own).as("lines of %s", request.id()).hasSize(2);
			Ended server = servers.get(request.id());
			Ended work = workByParent.get(server.spanId());
			assertCarries(line(own, "controller"), server);
			assertCarries(line(own, "with-span"), work);
			if (request.traceId() != null) {
				assertThat(server.traceId()).isEqualTo(request.traceId());
			}
			assertThat(traceIds.add(server.traceId())).as("trace of %s is new", request.id()).isTrue();
		}
	}

	private static List<Sent> load(int thread, long deadline) throws Exception {
		Random random = new Random(thread);
		List<Sent> sent = new ArrayList<>();
		for (int n = 0; n < MAX_REQUESTS_PER_THREAD && System.nanoTime() < deadline; n++) {
			String id = "t" + thread + "-" + n;
			int mode = random.nextInt(4);
			String traceId = (mode == 1) ? "%016x%016x".formatted(random.nextLong() | 1, random.nextLong()) : null;
			Map<String, String> headers = (traceId != null)
					? Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01") : Map.of();
			String path = (mode == 3) ? "/actuator/untraced/" : "/quick/";
			HttpResponse<String> response = LoggingApplication.get(context, path + id, headers);
			assertThat(response.statusCode()).as(id).isEqualTo(200);
			sent.add(new Sent(id, traceId, mode == 3));
		}
		return sent;
	}

	private static TextLine line(List<TextLine> lines, String what) {
		return lines.stream().filter((line) -> line.message().startsWith(what + " ")).findFirst().orElseThrow();
	}

	private static void assertCarries(TextLine line, Ended span) {
		assertThat(line.traceId()).as("trace id of '%s'", line.message()).isEqualTo(span.traceId());
		assertThat(line.spanId()).as("span id of '%s'", line.message()).isEqualTo(span.spanId());
	}

	/**
	 * A request sent.
	 *
	 * @param id its id, in its path and in its lines
	 * @param traceId the trace id of its {@code traceparent}, or {@code null}
	 * @param untraced whether it went to an excluded path
	 */
	record Sent(String id, String traceId, boolean untraced) {
	}

	/**
	 * What is kept of an ended span.
	 *
	 * @param kind its kind
	 * @param path the request path of a server span
	 * @param traceId its trace id
	 * @param spanId its span id
	 * @param parentSpanId its parent's span id
	 */
	record Ended(SpanKind kind, String path, String traceId, String spanId, String parentSpanId) {
	}

	@Configuration(proxyBeanMethods = false)
	@Import(LoggingApplication.class)
	static class ConcurrentLoggingApplication {

		@Bean
		SpanProcessor endedSpans() {
			return new SpanProcessor() {

				@Override
				public void onStart(Context parentContext, ReadWriteSpan span) {
				}

				@Override
				public boolean isStartRequired() {
					return false;
				}

				@Override
				public void onEnd(ReadableSpan span) {
					ended.add(new Ended(span.getKind(), span.getAttribute(URL_PATH), span.getSpanContext().getTraceId(),
							span.getSpanContext().getSpanId(), span.getParentSpanContext().getSpanId()));
				}

				@Override
				public boolean isEndRequired() {
					return true;
				}

			};
		}

	}

}
