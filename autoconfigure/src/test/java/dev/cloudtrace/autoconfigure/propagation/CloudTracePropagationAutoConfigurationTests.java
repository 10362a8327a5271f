package dev.cloudtrace.autoconfigure.propagation;

import java.util.HashMap;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.CloudTraceContextRunners;
import dev.cloudtrace.autoconfigure.testsupport.MapGetter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudTracePropagationAutoConfiguration}.
 */
class CloudTracePropagationAutoConfigurationTests {

	private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	private final ApplicationContextRunner contextRunner = CloudTraceContextRunners.offline();

	@Test
	void defaultWritesTraceparentBaggageAndCloudTraceHeaders() {
		this.contextRunner.run((context) -> {
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			assertThat(propagators.getTextMapPropagator().fields()).contains("traceparent", "tracestate", "baggage",
					"x-cloud-trace-context");
			assertThat(inject(propagators)).containsEntry("traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.containsEntry("x-cloud-trace-context", "4bf92f3577b34da6a3ce929d0e0e4736/67667974448284343;o=1");
		});
	}

	@Test
	void honoursConfiguredTypes() {
		this.contextRunner.withPropertyValues("cloudtrace.propagation.types=b3multi,cloud-trace-oneway")
			.run((context) -> {
				Map<String, String> headers = inject(context.getBean(ContextPropagators.class));
				assertThat(headers).containsEntry("X-B3-TraceId", "4bf92f3577b34da6a3ce929d0e0e4736")
					.doesNotContainKey("traceparent")
					.doesNotContainKey("x-cloud-trace-context");
			});
		this.contextRunner.withPropertyValues("cloudtrace.propagation.types=b3")
			.run((context) -> assertThat(inject(context.getBean(ContextPropagators.class))).containsEntry("b3",
					"4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1"));
	}

	@Test
	void oneWayCloudTraceStillReadsTheHeader() {
		this.contextRunner.withPropertyValues("cloudtrace.propagation.types=tracecontext,cloud-trace-oneway")
			.run((context) -> {
				Context extracted = context.getBean(ContextPropagators.class)
					.getTextMapPropagator()
					.extract(Context.root(), Map.of("x-cloud-trace-context", "4bf92f3577b34da6a3ce929d0e0e4736/1;o=1"),
							MapGetter.INSTANCE);
				assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
					.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			});
	}

	@Test
	void trustsIncomingContextByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(PropagationProperties.class).isTrustIncoming()).isTrue();
			assertThat(context).doesNotHaveBean(IncomingContextLinkProcessor.class);
			Context extracted = extract(context.getBean(ContextPropagators.class));
			assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
				.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		});
	}

	@Test
	void untrustedIncomingContextIsLinkedNotAdopted() {
		this.contextRunner.withPropertyValues("cloudtrace.propagation.trust-incoming=false").run((context) -> {
			assertThat(context).hasSingleBean(IncomingContextLinkProcessor.class);
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			assertThat(propagators.getTextMapPropagator()).isInstanceOf(UntrustedContextPropagator.class);
			Context extracted = extract(propagators);
			assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
			assertThat(UntrustedContextPropagator.incomingSpanContext(extracted).getTraceId())
				.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(inject(propagators)).containsEntry("traceparent",
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		});
	}

	@Test
	void failsOnNonBooleanTrustIncomingNamingIt() {
		this.contextRunner.withPropertyValues("cloudtrace.propagation.trust-incoming=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'cloudtrace.propagation.trust-incoming'"));
	}

	private static Context extract(ContextPropagators propagators) {
		return propagators.getTextMapPropagator()
			.extract(Context.root(), Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
					MapGetter.INSTANCE);
	}

	@Test
	void failsOnUnknownTypeNamingIt() {
		this.contextRunner.withPropertyValues("cloudtrace.propagation.types=tracecontext,jaeger")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("jaeger"));
	}

	@Test
	void b3WithoutItsLibraryFailsWithClearMessage() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.extension.trace.propagation"))
			.withPropertyValues("cloudtrace.propagation.types=b3")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("cloudtrace.propagation.types")
				.hasMessageContaining("opentelemetry-extension-trace-propagators"));
	}

	@Test
	void backsOffFromUserPropagators() {
		this.contextRunner.withUserConfiguration(UserPropagatorsConfiguration.class)
			.run((context) -> assertThat(context.getBean(ContextPropagators.class)).isSameAs(ContextPropagators.noop()));
	}

	@Test
	void disabledCreatesNoPropagators() {
		this.contextRunner.withPropertyValues("cloudtrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagators.class));
	}

	private static Map<String, String> inject(ContextPropagators propagators) {
		Map<String, String> headers = new HashMap<>();
		propagators.getTextMapPropagator()
			.inject(Context.root().with(Span.wrap(SPAN)), headers, (carrier, key, value) -> carrier.put(key, value));
		return headers;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPropagatorsConfiguration {

		@Bean
		ContextPropagators userPropagators() {
			return ContextPropagators.noop();
		}

	}

}
