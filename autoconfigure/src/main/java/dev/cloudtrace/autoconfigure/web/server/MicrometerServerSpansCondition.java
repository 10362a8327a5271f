package dev.cloudtrace.autoconfigure.web.server;

import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Matches when Spring Boot's Micrometer observation filter already creates a server span for
 * every request through the Micrometer-to-OpenTelemetry bridge: a
 * {@code ServerHttpObservationFilter} is registered and the Micrometer tracer is the
 * OpenTelemetry bridge (Spring Boot's no-op tracer does not count).
 */
class MicrometerServerSpansCondition extends AllNestedConditions {

	MicrometerServerSpansCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(type = "io.micrometer.tracing.otel.bridge.OtelTracer")
	static class OpenTelemetryBridgeTracer {

	}

	@ConditionalOnBean(type = "org.springframework.web.filter.ServerHttpObservationFilter",
			parameterizedContainer = FilterRegistrationBean.class)
	static class ServerObservationFilter {

	}

}
