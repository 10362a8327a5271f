package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import dev.cloudtrace.autoconfigure.sdk.DeploymentPlatform.Kind;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the batch span processor that sits in front of each exporter.
 * <p>
 * Some defaults depend on where the application runs (see {@link DeploymentPlatform}); a
 * value that the user sets always wins.
 */
@ConfigurationProperties("cloudtrace.batch")
public class BatchProperties implements InitializingBean {

	private static final Duration DEFAULT_SCHEDULE_DELAY = Duration.ofSeconds(5);

	private static final Duration CLOUD_RUN_SCHEDULE_DELAY = Duration.ofSeconds(1);

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
	 * Delay between two exports. Defaults to 1s on Cloud Run services, where the CPU may be
	 * throttled outside requests, and to 5s elsewhere.
	 */
	private @Nullable Duration scheduleDelay;

	/**
	 * Whether the start of a server request asks for the spans that wait to be exported at
	 * once (at most once a second, without making the request wait), so that they are sent
	 * while the request has the CPU. Defaults to true on Cloud Run services, whose CPU is
	 * throttled outside requests with request-based billing, and to false elsewhere.
	 */
	private @Nullable Boolean exportAtRequestStart;

	/**
	 * Maximum time one export may take, retries included (each exporter's own timeout is
	 * capped at four fifths of it); also the time allowed to flush on shutdown, unless
	 * shutdown-timeout or the platform says less.
	 */
	private Duration exportTimeout = Duration.ofSeconds(30);

	/**
	 * Maximum time that shutting tracing down (on SIGTERM) waits for queued spans to be
	 * exported. Defaults to the export timeout, but at most four fifths of the platform's
	 * grace period between SIGTERM and SIGKILL: 8s on Cloud Run (10s), and 24s on GKE, whose
	 * pods cannot read their terminationGracePeriodSeconds, so Kubernetes' default 30s is
	 * assumed; set it to four fifths of yours if it differs.
	 */
	private @Nullable Duration shutdownTimeout;

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

	public @Nullable Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(@Nullable Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

	public @Nullable Boolean getExportAtRequestStart() {
		return this.exportAtRequestStart;
	}

	public void setExportAtRequestStart(@Nullable Boolean exportAtRequestStart) {
		this.exportAtRequestStart = exportAtRequestStart;
	}

	public Duration getExportTimeout() {
		return this.exportTimeout;
	}

	public void setExportTimeout(Duration exportTimeout) {
		this.exportTimeout = exportTimeout;
	}

	public @Nullable Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Returns the delay between two exports: the configured one, or the platform's default.
	 * @param platform where the application runs
	 * @return the schedule delay
	 */
	Duration scheduleDelay(DeploymentPlatform platform) {
		if (this.scheduleDelay != null) {
			return this.scheduleDelay;
		}
		return (platform.getKind() == Kind.CLOUD_RUN_SERVICE) ? CLOUD_RUN_SCHEDULE_DELAY : DEFAULT_SCHEDULE_DELAY;
	}

	/**
	 * Returns whether a server request's start asks for an export: as configured, or the
	 * platform's default.
	 * @param platform where the application runs
	 * @return whether to export at the start of requests
	 */
	boolean exportAtRequestStart(DeploymentPlatform platform) {
		if (this.exportAtRequestStart != null) {
			return this.exportAtRequestStart;
		}
		return platform.getKind() == Kind.CLOUD_RUN_SERVICE;
	}

	/**
	 * Returns how long shutdown waits for queued spans, and which setting says so.
	 * @param platform where the application runs
	 * @return the shutdown timeout
	 */
	ShutdownTimeout shutdownTimeout(DeploymentPlatform platform) {
		if (this.shutdownTimeout != null) {
			return new ShutdownTimeout(this.shutdownTimeout, "cloudtrace.batch.shutdown-timeout", null);
		}
		Duration gracePeriod = platform.getTerminationGracePeriod();
		if (gracePeriod != null) {
			Duration withinGracePeriod = gracePeriod.multipliedBy(4).dividedBy(5);
			if (withinGracePeriod.compareTo(this.exportTimeout) < 0) {
				return new ShutdownTimeout(withinGracePeriod, "cloudtrace.batch.shutdown-timeout",
						"four fifths of the " + gracePeriod.toSeconds() + "s between SIGTERM and SIGKILL");
			}
		}
		return new ShutdownTimeout(this.exportTimeout, "cloudtrace.batch.export-timeout", null);
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
		InvalidCloudTracePropertyException.check(this.scheduleDelay == null || isPositive(this.scheduleDelay),
				"cloudtrace.batch.schedule-delay", this.scheduleDelay, "use a duration greater than 0, e.g. 5s.");
		InvalidCloudTracePropertyException.check(isPositive(this.exportTimeout), "cloudtrace.batch.export-timeout",
				this.exportTimeout, "use a duration greater than 0, e.g. 30s.");
		InvalidCloudTracePropertyException.check(this.shutdownTimeout == null || isPositive(this.shutdownTimeout),
				"cloudtrace.batch.shutdown-timeout", this.shutdownTimeout,
				"use a duration greater than 0 and shorter than the platform's grace period, e.g. 8s on Cloud Run.");
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	/**
	 * How long shutdown waits for queued spans to be exported.
	 *
	 * @param timeout the time
	 * @param property the property that sets it
	 * @param platformDefault why the platform's default applies, or {@code null} if it does
	 * not
	 */
	record ShutdownTimeout(Duration timeout, String property, @Nullable String platformDefault) {

	}

}
