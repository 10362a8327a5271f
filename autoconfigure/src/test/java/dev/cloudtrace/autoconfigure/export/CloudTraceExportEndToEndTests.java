package dev.cloudtrace.autoconfigure.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.CloudTraceSpan;
import dev.cloudtrace.autoconfigure.testsupport.FakeCloudTraceV2;
import dev.cloudtrace.autoconfigure.testsupport.FakeOAuthTokenServer;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryApi;
import dev.cloudtrace.autoconfigure.testsupport.FakeTelemetryGrpcApi;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the exporters: spans made with the auto-configured tracer travel over
 * real loopback connections to in-process fakes of Google's endpoints, which decode the wire
 * format; the assertions are on what arrived.
 */
class CloudTraceExportEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path keys;

	private FakeOAuthTokenServer tokens;

	private Path keyFile;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CloudTraceContextRunners.foundation())
		.withPropertyValues("cloudtrace.resource.detect-gcp=false", "cloudtrace.batch.schedule-delay=50ms",
				"spring.application.name=checkout", "cloudtrace.resource.service-namespace=shop",
				"cloudtrace.resource.service-instance-id=instance-1");

	@BeforeEach
	void startTokenServer() throws Exception {
		this.tokens = new FakeOAuthTokenServer();
		this.keyFile = this.tokens.writeKeyFile(this.keys);
	}

	@AfterEach
	void stopTokenServer() {
		this.tokens.close();
	}

	@Test
	void exportsToTelemetryApiOverHttpWithGoogleCredentials() throws Exception {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.exporter.type=cloud-trace",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(),
						"cloudtrace.credentials.location=file:" + this.keyFile)
				.run((context) -> {
					makeTrace(context);
					List<ReceivedSpan> spans = api.awaitSpans(2, TIMEOUT);
					assertTrace(spans, "orders-prod");
					ReceivedSpan child = span(spans, "do_work");
					assertThat(child.requestHeader("authorization")).isEqualTo("Bearer fake-token-1");
					assertThat(child.requestHeader("x-goog-user-project")).isEqualTo("orders-prod");
					assertThat(child.requestHeader("content-encoding")).isNull();
					assertThat(this.tokens.grants()).singleElement()
						.satisfies((grant) -> assertThat(grant.scope())
							.isEqualTo("https://www.googleapis.com/auth/cloud-platform"));
				});
		}
	}

	@Test
	void takesProjectFromCredentialsWhenNoneIsConfigured() throws Exception {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(),
						"cloudtrace.credentials.location=file:" + this.keyFile,
						"cloudtrace.exporter.cloud-trace.compression=gzip")
				.run((context) -> {
					makeTrace(context);
					List<ReceivedSpan> spans = api.awaitSpans(2, TIMEOUT);
					String project = this.tokens.keys().projectId();
					assertTrace(spans, project);
					assertThat(spans.get(0).requestHeader("x-goog-user-project")).isEqualTo(project);
					assertThat(spans.get(0).requestHeader("content-encoding")).isEqualTo("gzip");
				});
		}
	}

	@Test
	void exportsToTelemetryApiOverGrpc() throws Exception {
		try (FakeTelemetryGrpcApi api = new FakeTelemetryGrpcApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.exporter.type=cloud-trace",
						"cloudtrace.exporter.cloud-trace.protocol=grpc",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(),
						"cloudtrace.credentials.location=file:" + this.keyFile)
				.run((context) -> {
					makeTrace(context);
					List<ReceivedSpan> spans = api.awaitSpans(2, TIMEOUT);
					assertTrace(spans, "orders-prod");
					assertThat(spans.get(0).requestHeader("authorization")).isEqualTo("Bearer fake-token-1");
					assertThat(spans.get(0).requestHeader("x-goog-user-project")).isEqualTo("orders-prod");
				});
		}
	}

	@Test
	void sendsNoAuthorizationWhenCredentialsAreDisabled() throws Exception {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.credentials.enabled=false",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint())
				.run((context) -> {
					makeTrace(context);
					ReceivedSpan span = api.awaitSpans(2, TIMEOUT).get(0);
					assertThat(span.requestHeader("authorization")).isNull();
					assertThat(span.requestHeader("content-encoding")).isNull();
					assertThat(span.requestHeader("x-goog-user-project")).isEqualTo("orders-prod");
					assertThat(this.tokens.requestCount()).isZero();
				});
		}
	}

	@Test
	void exportsToCloudTraceV2Api() throws Exception {
		try (FakeCloudTraceV2 api = new FakeCloudTraceV2()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.exporter.type=cloud-trace-v2",
						"cloudtrace.exporter.cloud-trace-v2.endpoint=" + api.target(),
						"cloudtrace.credentials.location=file:" + this.keyFile)
				.run((context) -> {
					String traceId = makeTrace(context);
					List<CloudTraceSpan> spans = api.awaitSpans(2, TIMEOUT);
					// Google's v2 exporter names server spans "Recv.<name>", as Cloud Trace always did.
					assertThat(spans).extracting(CloudTraceSpan::displayName)
						.containsExactlyInAnyOrder("Recv.checkout", "do_work");
					CloudTraceSpan parent = spans.stream().filter((s) -> s.displayName().equals("Recv.checkout")).findFirst()
						.orElseThrow();
					CloudTraceSpan child = spans.stream().filter((s) -> s.displayName().equals("do_work")).findFirst()
						.orElseThrow();
					assertThat(child.projectId()).isEqualTo("orders-prod");
					assertThat(child.traceId()).isEqualTo(traceId);
					assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
					assertThat(child.attributes()).containsEntry("work.items", 3L);
					assertThat(child.attributes()).containsEntry("g.co/r/generic_task/namespace", "shop");
					assertThat(child.requestHeader("authorization")).isEqualTo("Bearer fake-token-1");
					assertThat(child.requestHeader("x-goog-user-project")).isEqualTo("orders-prod");
				});
		}
	}

	@Test
	void flushesQueuedSpansWhenTheContextCloses() throws Exception {
		try (FakeTelemetryApi api = new FakeTelemetryApi()) {
			AtomicReference<String> traceId = new AtomicReference<>();
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.credentials.enabled=false",
						"cloudtrace.exporter.cloud-trace.endpoint=" + api.endpoint(),
						"cloudtrace.batch.schedule-delay=1h")
				.run((context) -> {
					traceId.set(makeTrace(context));
					assertThat(api.requestCount()).isZero();
				});
			assertThat(api.spans()).extracting(ReceivedSpan::traceId).containsOnly(traceId.get()).hasSize(2);
		}
	}

	@Test
	void exportsToPlainOtlpReceiverWithConfiguredHeaders() throws Exception {
		try (FakeTelemetryApi collector = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.exporter.type=otlp",
						"cloudtrace.exporter.otlp.endpoint=" + collector.endpoint(),
						"cloudtrace.exporter.otlp.headers.x-tenant=blue", "cloudtrace.credentials.enabled=false")
				.run((context) -> {
					makeTrace(context);
					ReceivedSpan span = collector.awaitSpans(2, TIMEOUT).get(0);
					assertThat(span.requestHeader("x-tenant")).isEqualTo("blue");
					assertThat(span.requestHeader("authorization")).isNull();
					assertThat(span.resourceAttributes()).containsEntry("service.name", "checkout")
						.doesNotContainKey("gcp.project_id");
				});
		}
	}

	@Test
	void exportsToSeveralDestinationsAtOnce() throws Exception {
		try (FakeTelemetryApi google = new FakeTelemetryApi(); FakeTelemetryApi collector = new FakeTelemetryApi()) {
			this.contextRunner
				.withPropertyValues("cloudtrace.project-id=orders-prod", "cloudtrace.credentials.enabled=false",
						"cloudtrace.exporter.type=cloud-trace,otlp",
						"cloudtrace.exporter.cloud-trace.endpoint=" + google.endpoint(),
						"cloudtrace.exporter.otlp.endpoint=" + collector.endpoint())
				.run((context) -> {
					makeTrace(context);
					assertThat(google.awaitSpans(2, TIMEOUT)).hasSize(2);
					assertThat(collector.awaitSpans(2, TIMEOUT)).hasSize(2);
				});
		}
	}

	private static String makeTrace(ApplicationContext context) {
		Tracer tracer = context.getBean(Tracer.class);
		Span parent = tracer.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = parent.makeCurrent()) {
			Span child = tracer.spanBuilder("do_work").startSpan();
			child.setAttribute("work.items", 3L);
			child.end();
		}
		finally {
			parent.end();
		}
		return parent.getSpanContext().getTraceId();
	}

	private static void assertTrace(List<ReceivedSpan> spans, String projectId) {
		assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("checkout", "do_work");
		ReceivedSpan parent = span(spans, "checkout");
		ReceivedSpan child = span(spans, "do_work");
		assertThat(child.traceId()).isEqualTo(parent.traceId());
		assertThat(child.parentSpanId()).isEqualTo(parent.spanId());
		assertThat(parent.parentSpanId()).isNull();
		assertThat(parent.kind()).isEqualTo(SpanKind.SERVER);
		assertThat(child.kind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(child.attributes()).containsEntry("work.items", 3L);
		assertThat(child.scopeName()).isEqualTo("dev.cloudtrace");
		assertThat(child.resourceAttributes()).containsEntry("service.name", "checkout")
			.containsEntry("service.namespace", "shop")
			.containsEntry("service.instance.id", "instance-1")
			.containsEntry("gcp.project_id", projectId);
	}

	private static ReceivedSpan span(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

}
