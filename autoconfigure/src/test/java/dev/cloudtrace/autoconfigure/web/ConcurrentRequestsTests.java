package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.servlet.Filter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many client threads for several seconds against a real application whose endpoint makes
 * a traced call to a second endpoint and runs a {@code @WithSpan} method: no request
 * inherits another's trace or baggage, no context is left current on a server thread after
 * a request, and every span that starts ends. Requests come without trace context, with
 * {@code traceparent} and {@code baggage}, or with {@code X-Cloud-Trace-Context}; some go
 * to an excluded path, whose context the tracing filter makes current itself.
 */
class ConcurrentRequestsTests {

	private static final int THREADS = 16;

	private static final Duration LOAD = Duration.ofSeconds(8);

	private static final int MAX_REQUESTS_PER_THREAD = 1000;

	private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");

	private static final TrackingSpanProcessor tracked = new TrackingSpanProcessor();

	private static final Queue<String> contextLeaks = new ConcurrentLinkedQueue<>();

	private static ConfigurableApplicationContext context;

	private static String baseUrl;

	@BeforeAll
	static void start() {
		context = TestApplications.start("concurrent", ConcurrentApplication.class);
		baseUrl = "http://127.0.0.1:" + TestApplications.port(context);
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void keepsEveryRequestInItsOwnTraceUnderLoad() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		long deadline = System.nanoTime() + LOAD.toNanos();
		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		List<Future<List<Sent>>> futures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			futures.add(executor.submit(() -> load(http, thread, deadline)));
		}
		List<Sent> sent = new ArrayList<>();
		for (Future<List<Sent>> future : futures) {
			sent.addAll(future.get());
		}
		executor.shutdown();
		assertThat(sent).hasSizeGreaterThan(THREADS * 10);
		assertThat(contextLeaks).as("requests that found or left a current context").isEmpty();
		int expectedSpans = sent.stream().mapToInt((request) -> request.excluded() ? 3 : 4).sum();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> tracked.records.size() >= expectedSpans && tracked.open.isEmpty());
		assertThat(tracked.open).as("spans started but not ended").isEmpty();
		assertThat(tracked.ended.get()).isEqualTo(tracked.started.get()).isEqualTo(expectedSpans);
		assertTracesKeptApart(sent);
	}

	private static List<Sent> load(HttpClient http, int thread, long deadline)
			throws IOException, InterruptedException {
		Random random = new Random(thread);
		List<Sent> sent = new ArrayList<>();
		for (int n = 0; n < MAX_REQUESTS_PER_THREAD && System.nanoTime() < deadline; n++) {
			String id = "t" + thread + "-" + n;
			int mode = random.nextInt(3);
			// Excluded paths create no span of their own: only with an incoming trace to join.
			boolean excluded = mode != 0 && random.nextInt(4) == 0;
			String traceId = (mode == 0) ? null : hex(random, 32);
			String spanId = null;
			String path = (excluded ? "/actuator/front/" : "/front/") + id;
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(Duration.ofSeconds(10));
			if (mode == 1) {
				spanId = hex(random, 16);
				request.header("traceparent", "00-" + traceId + "-" + spanId + "-01")
					.header("baggage", "request.id=" + id);
			}
			else if (mode == 2) {
				// No sampling decision: this service's sampler decides, and the trace id is kept.
				long parent = 1 + random.nextInt(1_000_000);
				spanId = String.format("%016x", parent);
				request.header("X-Cloud-Trace-Context", traceId + "/" + parent);
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(id).isEqualTo(200);
			sent.add(new Sent(id, excluded, traceId, spanId, mode == 1, response.body()));
		}
		return sent;
	}

	private static void assertTracesKeptApart(List<Sent> sent) {
		Map<String, List<Recorded>> byRequest = tracked.records.stream()
			.collect(Collectors.groupingBy(Recorded::requestId));
		Map<String, Set<String>> requestsByTrace = new HashMap<>();
		for (Sent request : sent) {
			List<Recorded> spans = byRequest.get(request.id());
			assertThat(spans).as("spans of %s", request.id()).hasSize(request.excluded() ? 3 : 4);
			Recorded client = only(spans, SpanKind.CLIENT, "/back/");
			Recorded back = only(spans, SpanKind.SERVER, "/back/");
			Recorded work = only(spans, SpanKind.INTERNAL, "work");
			String traceId = client.traceId();
			// The span whose parent is the incoming context (or none): the server span, or,
			// on an excluded path, the spans the handler starts.
			String requestSpanId = client.parentSpanId();
			if (!request.excluded()) {
				Recorded front = only(spans, SpanKind.SERVER, "/front/");
				assertThat(client.parentSpanId()).isEqualTo(front.spanId());
				requestSpanId = front.parentSpanId();
			}
			assertThat(spans).as("trace of %s", request.id()).allMatch((span) -> span.traceId().equals(traceId));
			assertThat(requestSpanId).as("parent of %s", request.id())
				.isEqualTo((request.spanId() != null) ? request.spanId() : "0000000000000000");
			if (request.traceId() != null) {
				assertThat(traceId).as(request.id()).isEqualTo(request.traceId());
			}
			assertThat(work.parentSpanId()).isEqualTo(client.parentSpanId());
			assertThat(back.parentSpanId()).isEqualTo(client.spanId());
			String baggage = request.baggage() ? "request.id=" + request.id() : "";
			assertThat(request.body()).as("what the handlers saw for %s", request.id())
				.isEqualTo("front=" + traceId + " back=" + traceId + " baggage=" + baggage);
			requestsByTrace.computeIfAbsent(traceId, (key) -> new HashSet<>()).add(request.id());
		}
		assertThat(requestsByTrace.values()).as("requests sharing a trace").allMatch((ids) -> ids.size() == 1);
		assertThat(byRequest.keySet()).containsExactlyInAnyOrderElementsOf(sent.stream().map(Sent::id).toList());
	}

	private static Recorded only(List<Recorded> spans, SpanKind kind, String marker) {
		List<Recorded> matching = spans.stream()
			.filter((span) -> span.kind() == kind && span.where().contains(marker))
			.toList();
		assertThat(matching).as("%s %s", kind, marker).hasSize(1);
		return matching.get(0);
	}

	private static String hex(Random random, int length) {
		StringBuilder hex = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		// An all-zero id is invalid; make sure there is a non-zero digit.
		hex.setCharAt(0, '1');
		return hex.toString();
	}

	/**
	 * A request sent, with the trace context it carried.
	 *
	 * @param id the request id in its path
	 * @param excluded whether its path is excluded from tracing
	 * @param traceId the trace id sent, or {@code null}
	 * @param spanId the parent span id sent, or {@code null}
	 * @param baggage whether it carried baggage naming the request id
	 * @param body the response body
	 */
	record Sent(String id, boolean excluded, String traceId, String spanId, boolean baggage, String body) {
	}

	/**
	 * What is kept of an ended span.
	 *
	 * @param kind the span kind
	 * @param where its path, URL or name
	 * @param requestId the request id it belongs to
	 * @param traceId its trace id
	 * @param spanId its span id
	 * @param parentSpanId its parent's span id
	 */
	record Recorded(SpanKind kind, String where, String requestId, String traceId, String spanId,
			String parentSpanId) {
	}

	/**
	 * Counts started and ended spans, remembers those still open, and keeps a small record
	 * of each ended span; the SDK's in-memory exporter would hold every span in full.
	 */
	static final class TrackingSpanProcessor implements SpanProcessor {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger ended = new AtomicInteger();

		final Map<String, ReadableSpan> open = new ConcurrentHashMap<>();

		final Queue<Recorded> records = new ConcurrentLinkedQueue<>();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			this.started.incrementAndGet();
			this.open.put(span.getSpanContext().getSpanId(), span);
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended.incrementAndGet();
			this.open.remove(span.getSpanContext().getSpanId());
			String where = switch (span.getKind()) {
				case SERVER -> span.getAttribute(URL_PATH);
				case CLIENT -> span.getAttribute(URL_FULL);
				default -> span.getName();
			};
			String requestId = (span.getKind() == SpanKind.INTERNAL) ? span.getAttribute(REQUEST_ID)
					: where.substring(where.lastIndexOf('/') + 1);
			this.records.add(new Recorded(span.getKind(), where, requestId, span.getSpanContext().getTraceId(),
					span.getSpanContext().getSpanId(), span.getParentSpanContext().getSpanId()));
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ LoadController.class, Worker.class })
	static class ConcurrentApplication {

		@Bean
		SpanProcessor trackingSpanProcessor() {
			return tracked;
		}

		// Runs before the tracing filter: a server thread must hold no context between requests.
		@Bean
		FilterRegistrationBean<Filter> contextLeakDetector() {
			Filter filter = (request, response, chain) -> {
				if (Context.current() != Context.root()) {
					contextLeaks.add("before " + Context.current());
				}
				chain.doFilter(request, response);
				if (Context.current() != Context.root()) {
					contextLeaks.add("after " + Context.current());
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@RestController
	static class LoadController {

		private final RestClient restClient;

		private final Worker worker;

		private final Environment environment;

		LoadController(RestClient.Builder restClientBuilder, Worker worker, Environment environment) {
			this.restClient = restClientBuilder.build();
			this.worker = worker;
			this.environment = environment;
		}

		@GetMapping({ "/front/{id}", "/actuator/front/{id}" })
		String front(@PathVariable String id) {
			String traceId = Span.current().getSpanContext().getTraceId();
			this.worker.work(id);
			String back = this.restClient.get()
				.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/back/" + id)
				.retrieve()
				.body(String.class);
			return "front=" + traceId + " " + back;
		}

		@GetMapping("/back/{id}")
		String back(@PathVariable String id) {
			String baggage = Baggage.current().getEntryValue("request.id");
			return "back=" + Span.current().getSpanContext().getTraceId() + " baggage="
					+ ((baggage != null) ? "request.id=" + baggage : "");
		}

	}

	static class Worker {

		@WithSpan("work")
		void work(@SpanAttribute("request.id") String id) {
		}

	}

}
