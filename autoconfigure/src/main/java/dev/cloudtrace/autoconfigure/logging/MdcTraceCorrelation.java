package dev.cloudtrace.autoconfigure.logging;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the current span's ids in the logging MDC while the application that holds this bean
 * runs (see {@link MdcContextStorage}).
 * <p>
 * OpenTelemetry's context storage is one per JVM and takes wrappers only before it is first
 * used, so the {@link MdcContextStorage} is installed once per JVM, as early as possible
 * ({@link #install()}, called by {@link LogCorrelationApplicationListener} before Spring
 * Boot initializes logging), and each bean switches it on for its application's lifetime.
 * Several applications in one JVM (tests) each hold their own.
 */
public final class MdcTraceCorrelation implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(MdcTraceCorrelation.class);

	private static final AtomicBoolean installRequested = new AtomicBoolean();

	private static final AtomicInteger activeApplications = new AtomicInteger();

	private static volatile boolean installed;

	private final AtomicBoolean active = new AtomicBoolean(true);

	/**
	 * Switches the MDC on until {@link #destroy()}.
	 */
	public MdcTraceCorrelation() {
		install();
		activeApplications.incrementAndGet();
	}

	/**
	 * Asks OpenTelemetry to wrap its context storage in an {@link MdcContextStorage}; does
	 * nothing when asked before. Has an effect only before the context storage is first
	 * used.
	 */
	public static void install() {
		if (installRequested.compareAndSet(false, true)) {
			ContextStorage.addWrapper((storage) -> {
				installed = true;
				return new MdcContextStorage(storage, MdcTraceCorrelation::isActive);
			});
		}
	}

	static boolean isActive() {
		return activeApplications.get() > 0;
	}

	/**
	 * Whether the context storage in use is wrapped. Initializes the storage: every wrapper
	 * added later is ignored.
	 * @return whether trace ids can reach the MDC
	 */
	static boolean isInstalled() {
		Context.current();
		return installed;
	}

	// Once every singleton exists, anything that wraps the storage from a bean has done so:
	// the storage can be initialized to see whether the wrapper is in.
	@Override
	public void afterSingletonsInstantiated() {
		if (!isInstalled()) {
			logger.warn("Trace ids are not added to the logging MDC: OpenTelemetry's context storage was in use "
					+ "before the application started, and takes no wrapper after that. Start the application "
					+ "before any code uses OpenTelemetry's Context, or set cloudtrace.logging.mdc.enabled=false.");
		}
	}

	@Override
	public void destroy() {
		if (this.active.compareAndSet(true, false)) {
			activeApplications.decrementAndGet();
		}
	}

}
