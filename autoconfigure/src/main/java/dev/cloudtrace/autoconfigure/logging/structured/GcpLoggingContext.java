package dev.cloudtrace.autoconfigure.logging.structured;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.StringUtils;

/**
 * What the {@code gcp} format takes from the application: the Google Cloud project that
 * names the traces ({@code projects/<project>/traces/<trace id>}), and the service name and
 * version of {@code serviceContext}, which Error Reporting groups errors by.
 * <p>
 * Spring Boot creates the formatter when it initializes logging, before any bean, while the
 * starter resolves the project (from the credentials or the metadata server) and the
 * resource later. So this bean publishes itself when it is initialized, and the formatter
 * reads the published one on each line; lines written before carry the bare trace id
 * (which Cloud Logging accepts too) and no {@code serviceContext}. Logging is one per JVM,
 * and so is the published context: the last application started wins, and closing it
 * withdraws its own.
 */
public final class GcpLoggingContext implements InitializingBean, DisposableBean {

	private static final GcpLoggingContext NONE = new GcpLoggingContext(null, null, null);

	private static final AtomicReference<GcpLoggingContext> published = new AtomicReference<>(NONE);

	private final String traceNamePrefix;

	private final @Nullable Map<String, String> serviceContext;

	/**
	 * Creates a context.
	 * @param projectId the project of the trace names, or {@code null} for bare trace ids
	 * @param serviceName {@code serviceContext.service} ({@code service.name}), or
	 * {@code null} for no {@code serviceContext}
	 * @param serviceVersion {@code serviceContext.version} ({@code service.version}), may be
	 * {@code null}
	 */
	public GcpLoggingContext(@Nullable String projectId, @Nullable String serviceName,
			@Nullable String serviceVersion) {
		this.traceNamePrefix = StringUtils.hasText(projectId) ? "projects/" + projectId + "/traces/" : "";
		if (StringUtils.hasText(serviceName)) {
			Map<String, String> context = new LinkedHashMap<>();
			context.put("service", serviceName);
			if (StringUtils.hasText(serviceVersion)) {
				context.put("version", serviceVersion);
			}
			this.serviceContext = Collections.unmodifiableMap(context);
		}
		else {
			this.serviceContext = null;
		}
	}

	/**
	 * Returns the published context, or one without project and service.
	 * @return the context the formatter uses now
	 */
	public static GcpLoggingContext current() {
		return published.get();
	}

	/**
	 * Returns the value of {@code logging.googleapis.com/trace} for a trace id.
	 * @param traceId the trace id
	 * @return {@code projects/<project>/traces/<trace id>}, or the trace id without a
	 * project
	 */
	public String traceName(String traceId) {
		return this.traceNamePrefix.isEmpty() ? traceId : this.traceNamePrefix + traceId;
	}

	/**
	 * Returns the {@code serviceContext} of error lines.
	 * @return {@code service} and {@code version}, or {@code null} when the service is
	 * unknown
	 */
	public @Nullable Map<String, String> serviceContext() {
		return this.serviceContext;
	}

	@Override
	public void afterPropertiesSet() {
		published.set(this);
	}

	@Override
	public void destroy() {
		published.compareAndSet(this, NONE);
	}

}
