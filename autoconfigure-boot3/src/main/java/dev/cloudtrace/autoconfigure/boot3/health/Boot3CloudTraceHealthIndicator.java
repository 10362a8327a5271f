package dev.cloudtrace.autoconfigure.boot3.health;

import dev.cloudtrace.autoconfigure.health.CloudTraceHealthDetails;
import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code cloudTrace} health contributor on Spring Boot 3: always {@code UP}, with the
 * state of each exporter in its details ({@link CloudTraceHealthDetails}).
 */
public class Boot3CloudTraceHealthIndicator extends AbstractHealthIndicator {

	private final SpanExportStatistics statistics;

	public Boot3CloudTraceHealthIndicator(SpanExportStatistics statistics) {
		super("Cloud Trace health check failed");
		this.statistics = statistics;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetails(CloudTraceHealthDetails.of(this.statistics));
	}

}
