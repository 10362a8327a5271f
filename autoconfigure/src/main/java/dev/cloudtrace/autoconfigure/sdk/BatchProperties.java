package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the batch span processor that sits in front of each exporter.
 */
@ConfigurationProperties("cloudtrace.batch")
public class BatchProperties implements InitializingBean {

	/**
	 * Maximum number of finished spans kept in memory while waiting for export (the SDK
	 * rounds it up to a power of two). Spans that arrive when the queue is full are dropped
	 * and counted.
	 */
	private int maxQueueSize = 2048;

	/**
	 * Maximum number of spans sent in one export request.
	 */
	private int maxExportBatchSize = 512;

	/**
	 * Delay between two exports.
	 */
	private Duration scheduleDelay = Duration.ofSeconds(5);

	/**
	 * Maximum time one export may take, retries included (each exporter's own timeout is
	 * capped at four fifths of it); also the time allowed to flush on shutdown.
	 */
	private Duration exportTimeout = Duration.ofSeconds(30);

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public int getMaxExportBatchSize() {
		return this.maxExportBatchSize;
	}

	public void setMaxExportBatchSize(int maxExportBatchSize) {
		this.maxExportBatchSize = maxExportBatchSize;
	}

	public Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	public Duration getExportTimeout() {
		return this.exportTimeout;
	}

	public void setExportTimeout(Duration exportTimeout) {
		this.exportTimeout = exportTimeout;
	}

	@Override
	public void afterPropertiesSet() {
		InvalidCloudTracePropertyException.check(this.maxQueueSize > 0, "cloudtrace.batch.max-queue-size",
				this.maxQueueSize, "use a whole number greater than 0.");
		InvalidCloudTracePropertyException.check(this.maxExportBatchSize > 0, "cloudtrace.batch.max-export-batch-size",
				this.maxExportBatchSize, "use a whole number greater than 0.");
		InvalidCloudTracePropertyException.check(this.maxExportBatchSize <= this.maxQueueSize,
				"cloudtrace.batch.max-export-batch-size", this.maxExportBatchSize,
				"use a number no greater than cloudtrace.batch.max-queue-size (" + this.maxQueueSize + ").");
		InvalidCloudTracePropertyException.check(isPositive(this.scheduleDelay), "cloudtrace.batch.schedule-delay",
				this.scheduleDelay, "use a duration greater than 0, e.g. 5s.");
		InvalidCloudTracePropertyException.check(isPositive(this.exportTimeout), "cloudtrace.batch.export-timeout",
				this.exportTimeout, "use a duration greater than 0, e.g. 30s.");
	}

	private static boolean isPositive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

}
