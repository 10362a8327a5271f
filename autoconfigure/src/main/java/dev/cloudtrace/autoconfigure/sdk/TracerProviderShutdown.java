package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.cloudtrace.autoconfigure.sdk.BatchProperties.ShutdownTimeout;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Shuts the tracer provider down when the application context closes (on SIGTERM, through
 * Spring Boot's shutdown hook), waiting at most the shutdown timeout for queued spans to be
 * flushed: the export timeout, or less where the platform kills the process soon after
 * SIGTERM (see {@link BatchProperties#getShutdownTimeout()}).
 * {@link SdkTracerProvider#close()} would wait a fixed 10 seconds instead; an unreachable
 * backend must not hold up the shutdown for longer than configured.
 * <p>
 * The processors' and exporters' threads are daemon threads: whatever is still running
 * after the wait does not keep the JVM alive, and after a complete shutdown they end.
 */
final class TracerProviderShutdown implements DisposableBean {

	private static final Log logger = LogFactory.getLog(TracerProviderShutdown.class);

	private static final Duration SECOND_WAKE_UP_DELAY = Duration.ofMillis(10);

	private final SdkTracerProvider tracerProvider;

	private final ShutdownTimeout timeout;

	TracerProviderShutdown(SdkTracerProvider tracerProvider, ShutdownTimeout timeout) {
		this.tracerProvider = tracerProvider;
		this.timeout = timeout;
	}

	/**
	 * Returns how long {@link #destroy()} waits for queued spans to be exported.
	 * @return the timeout
	 */
	Duration getTimeout() {
		return this.timeout.timeout();
	}

	@Override
	public void destroy() {
		CompletableResultCode result = this.tracerProvider.shutdown();
		result.join(this.timeout.timeout().toNanos(), TimeUnit.NANOSECONDS);
		if (!result.isDone()) {
			String platformDefault = (this.timeout.platformDefault() != null)
					? ", " + this.timeout.platformDefault() : "";
			logger.info("Tracing did not finish flushing spans within " + this.timeout.property() + " ("
					+ this.timeout.timeout().toMillis() + " ms" + platformDefault
					+ "); spans not exported by now are dropped");
			return;
		}
		// A batch span processor's worker notices the shutdown only when it next wakes up,
		// which can be a whole schedule delay later; a flush request wakes it now, and with
		// nothing left to export it just ends. A request made while the worker is still
		// completing the shutdown's own flush is taken for that one and wakes nothing, so a
		// second request follows a moment later.
		this.tracerProvider.forceFlush();
		LockSupport.parkNanos(SECOND_WAKE_UP_DELAY.toNanos());
		this.tracerProvider.forceFlush();
	}

}
