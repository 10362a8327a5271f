package dev.cloudtrace.autoconfigure.health;

import dev.cloudtrace.autoconfigure.sdk.SpanExportStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code cloudTrace} health contributor on Spring Boot 4: always {@code UP}, with the
 * state of each exporter in its details ({@link CloudTraceHealthDetails}).
 */
public class CloudTraceHealthIndicator extends AbstractHealthIndicator {

	private final SpanExportStatistics statistics;

	public CloudTraceHealthIndicator(SpanExportStatistics statistics) {
		super("Cloud Trace health check failed");
		this.statistics = statistics;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetails(CloudTraceHealthDetails.of(this.statistics));
	}

}
