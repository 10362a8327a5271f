package dev.cloudtrace.autoconfigure.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.Filter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export on Cloud Run with request-based billing, where the CPU is throttled outside
 * requests, simulated over real HTTP: the exporter of each application only proceeds while
 * one of its requests is in flight (a servlet filter in front of everything else holds a
 * "CPU allocated" gate open), and sparse requests arrive, one every 2 seconds, each making
 * a server span and a span of its own.
 * <p>
 * Two applications on Cloud Run ({@code K_SERVICE}) are served side by side: one with the
 * starter's Cloud Run defaults (a 1s schedule delay, and an export asked for at the start
 * of each request), one with what it did before (5s, no export at request start). With the
 * defaults, every span of request N has reached the exporter by the end of request N+1
 * (measured: 2 of 2 spans for each of requests 1 to 3). Before, exports 5 s apart cannot
 * serve both of two windows 4 s apart, so at least one of requests 1 to 3 leaves its spans
 * waiting for a later request (measured: 0, 0 and 2 of 2 spans). Either part of the
 * defaults alone also meets the bound here (measured with this test's second application
 * at 1s without export at request start, and at 5s with it: 2, 2 and 2 of 2 spans each): a
 * timer export caught by the throttling completes when the next request brings the CPU
 * back, and the export asked for at a request's start runs then whatever the schedule
 * delay. In both applications the last request's 2 spans are still waiting after it: they
 * are exported at the next request, or on shutdown, when Cloud Run allocates the CPU again.
 */
class CpuThrottlingExportTests {

	private static final int REQUESTS = 4;

	private static final int SPANS_PER_REQUEST = 2;

	private static final Duration REQUEST_INTERVAL = Duration.ofSeconds(2);

	private static final String[] CLOUD_RUN = { "K_SERVICE=checkout", "K_REVISION=checkout-00042-abc" };

	@Test
	void everySpanOfARequestIsExportedByTheEndOfTheNextOneWithTheCloudRunDefaults() throws Exception {
		ConfigurableApplicationContext defaults = TestApplications.start("checkout", ThrottledApplication.class,
				CLOUD_RUN);
		ConfigurableApplicationContext before = TestApplications.start("checkout", ThrottledApplication.class,
				concat(CLOUD_RUN, "cloudtrace.batch.schedule-delay=5s",
						"cloudtrace.batch.export-at-request-start=false"));
		try {
			Scenario withDefaults = new Scenario("1s schedule delay, export at request start", defaults, "a");
			Scenario withoutThem = new Scenario("5s schedule delay, no export at request start", before, "b");
			for (int request = 1; request <= REQUESTS; request++) {
				long started = System.nanoTime();
				withDefaults.serve(request);
				withoutThem.serve(request);
				long elapsed = System.nanoTime() - started;
				Thread.sleep(Math.max(0, (REQUEST_INTERVAL.toNanos() - elapsed) / 1_000_000));
			}
			System.out.println(withDefaults.summary());
			System.out.println(withoutThem.summary());
			assertThat(withDefaults.requestsExportedByTheNextOne()).as(withDefaults.summary())
				.isEqualTo(REQUESTS - 1);
			assertThat(withDefaults.spansWaiting()).as(withDefaults.summary()).isEqualTo(SPANS_PER_REQUEST);
			// With exports 5 s apart, two of the three windows 2 s apart cannot both have one.
			assertThat(withoutThem.requestsExportedByTheNextOne()).as(withoutThem.summary())
				.isLessThan(REQUESTS - 1);
		}
		finally {
			close(defaults);
			close(before);
		}
	}

	// Cloud Run allocates the CPU while an instance shuts down.
	private static void close(ConfigurableApplicationContext context) {
		context.getBean(CpuAllocation.class).allocateForGood();
		context.close();
	}

	private static String[] concat(String[] first, String... second) {
		List<String> all = new ArrayList<>(List.of(first));
		all.addAll(List.of(second));
		return all.toArray(String[]::new);
	}

	/**
	 * One application and what reached its exporter.
	 */
	private static final class Scenario {

		private final String name;

		private final ConfigurableApplicationContext context;

		private final String traceIdPrefix;

		private final CpuAllocation cpu;

		private final ThrottledSpanExporter exporter;

		private final List<Integer> exportedByTheNextRequest = new ArrayList<>();

		private int served;

		Scenario(String name, ConfigurableApplicationContext context, String traceIdPrefix) {
			this.name = name;
			this.context = context;
			this.traceIdPrefix = traceIdPrefix;
			this.cpu = context.getBean(CpuAllocation.class);
			this.exporter = context.getBean(ThrottledSpanExporter.class);
		}

		void serve(int request) throws IOException, InterruptedException {
			TestApplications.get(this.context, "/work", "traceparent",
					"00-" + traceId(request) + "-00f067aa0ba902b7-01");
			// The response can reach the client before the filters have unwound: the request
			// ends, and its spans have ended, when the gate closes.
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(this.cpu::idle);
			this.served = request;
			if (request > 1) {
				this.exportedByTheNextRequest.add(this.exporter.spansOf(traceId(request - 1)));
			}
		}

		int requestsExportedByTheNextOne() {
			return (int) this.exportedByTheNextRequest.stream().filter((spans) -> spans == SPANS_PER_REQUEST).count();
		}

		int spansWaiting() {
			return this.served * SPANS_PER_REQUEST - this.exporter.spanCount();
		}

		String summary() {
			return ("%s: spans of request N exported by the end of request N+1, for N = 1..%d: %s of %d; "
					+ "spans still waiting after request %d: %d of %d")
				.formatted(this.name, REQUESTS - 1, this.exportedByTheNextRequest, SPANS_PER_REQUEST, this.served,
						spansWaiting(), this.served * SPANS_PER_REQUEST);
		}

		private String traceId(int request) {
			return this.traceIdPrefix + "%031d".formatted(request);
		}

	}

	/**
	 * Whether the instance has the CPU: only while a request is in flight, as on Cloud Run
	 * with request-based billing.
	 */
	static final class CpuAllocation {

		private int requests;

		private boolean allocatedForGood;

		synchronized void requestStarted() {
			this.requests++;
			notifyAll();
		}

		synchronized void requestEnded() {
			this.requests--;
		}

		synchronized boolean idle() {
			return this.requests == 0;
		}

		synchronized void allocateForGood() {
			this.allocatedForGood = true;
			notifyAll();
		}

		/**
		 * Runs work once the CPU is allocated; a request cannot end while it runs.
		 */
		synchronized void whileAllocated(Runnable work) throws InterruptedException {
			while (this.requests == 0 && !this.allocatedForGood) {
				wait();
			}
			work.run();
		}

	}

	/**
	 * An exporter whose thread only makes progress while the CPU is allocated.
	 */
	static final class ThrottledSpanExporter implements SpanExporter {

		private final CpuAllocation cpu;

		private final List<SpanData> spans = new ArrayList<>();

		ThrottledSpanExporter(CpuAllocation cpu) {
			this.cpu = cpu;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			try {
				this.cpu.whileAllocated(() -> {
					synchronized (this.spans) {
						this.spans.addAll(batch);
					}
				});
				return CompletableResultCode.ofSuccess();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return CompletableResultCode.ofFailure();
			}
		}

		int spansOf(String traceId) {
			synchronized (this.spans) {
				return (int) this.spans.stream().filter((span) -> span.getTraceId().equals(traceId)).count();
			}
		}

		int spanCount() {
			synchronized (this.spans) {
				return this.spans.size();
			}
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WorkController.class)
	static class ThrottledApplication {

		@Bean
		CpuAllocation cpuAllocation() {
			return new CpuAllocation();
		}

		@Bean
		ThrottledSpanExporter throttledSpanExporter(CpuAllocation cpu) {
			return new ThrottledSpanExporter(cpu);
		}

		// In front of every other filter, tracing's included: the CPU is allocated for the
		// whole request, from before its span starts until after it ends.
		@Bean
		FilterRegistrationBean<Filter> cpuAllocationFilter(CpuAllocation cpu) {
			Filter filter = (request, response, chain) -> {
				cpu.requestStarted();
				try {
					chain.doFilter(request, response);
				}
				finally {
					cpu.requestEnded();
				}
			};
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@RestController
	static class WorkController {

		private final Tracer tracer;

		WorkController(Tracer tracer) {
			this.tracer = tracer;
		}

		@GetMapping("/work")
		String work() throws InterruptedException {
			Span span = this.tracer.spanBuilder("do_work").startSpan();
			try (Scope scope = span.makeCurrent()) {
				Thread.sleep(100);
			}
			finally {
				span.end();
			}
			return "done";
		}

	}

}
