package dev.cloudtrace.benchmarks.jmh;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.web.client.HttpClientTelemetry;
import dev.cloudtrace.autoconfigure.web.client.TracingInterceptors;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * A {@code RestTemplate} call under a sampled parent: through the starter's interceptor
 * (client span, and the {@code traceparent} and {@code X-Cloud-Trace-Context} headers
 * injected), through the same interceptor on a no-op OpenTelemetry, and the execution alone
 * (the baseline). The execution answers at once: the HTTP client is not measured.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ClientSpanBenchmark {

	private static final URI BACK = URI.create("http://127.0.0.1:8080/back");

	private static final byte[] NO_BODY = new byte[0];

	private static final ClientHttpRequestExecution ANSWER = (request, body) -> new MockClientHttpResponse(NO_BODY,
			HttpStatus.OK);

	private ClientHttpRequestInterceptor interceptor;

	private ClientHttpRequestInterceptor noopInterceptor;

	private Scope parent;

	@Setup(Level.Trial)
	public void setUp(Starter starter) {
		this.interceptor = first(starter.bean(TracingInterceptors.class));
		this.noopInterceptor = first(new TracingInterceptors(HttpClientTelemetry.create(OpenTelemetry.noop())));
		this.parent = Tracing.remoteParent().makeCurrent();
	}

	private static ClientHttpRequestInterceptor first(TracingInterceptors interceptors) {
		List<ClientHttpRequestInterceptor> list = new ArrayList<>();
		interceptors.addFirst(list);
		return list.get(0);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.parent.close();
	}

	@Benchmark
	public ClientHttpResponse clientSpan() throws IOException {
		return this.interceptor.intercept(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY, ANSWER);
	}

	@Benchmark
	public ClientHttpResponse clientSpanNoop() throws IOException {
		return this.noopInterceptor.intercept(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY, ANSWER);
	}

	@Benchmark
	public ClientHttpResponse noInterceptor() throws IOException {
		return ANSWER.execute(new MockClientHttpRequest(HttpMethod.GET, BACK), NO_BODY);
	}

}
