package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;

import dev.cloudtrace.autoconfigure.sdk.BatchProperties.ShutdownTimeout;
import org.jspecify.annotations.Nullable;

/**
 * The one startup line that says, on Google Cloud, what the exporter will do there: how
 * often spans are exported, how long the shutdown flush may take within the platform's
 * grace period, and who decides for the platform's unsampled parents. Off Google Cloud the
 * defaults are the usual ones and there is nothing to say.
 */
final class PlatformExportSummary {

	private PlatformExportSummary() {
	}

	/**
	 * Describes what tracing will do on the platform.
	 * @param platform where the application runs
	 * @param plan what the tracer provider was built with
	 * @return the line, or {@code null} off Google Cloud
	 */
	static @Nullable String describe(DeploymentPlatform platform, Plan plan) {
		String where = where(platform);
		if (where == null) {
			return null;
		}
		StringBuilder line = new StringBuilder(where).append(": ");
		if (plan.exporting()) {
			line.append("spans are exported every ").append(format(plan.scheduleDelay()));
			if (plan.exportAtRequestStart()) {
				line.append(" and at the start of requests while CPU is allocated");
			}
			if (platform.getKind() == DeploymentPlatform.Kind.CLOUD_RUN_JOB) {
				line.append(" and when the task ends");
			}
			line.append("; on shutdown the flush waits at most ").append(format(plan.shutdown().timeout()));
			Duration gracePeriod = platform.getTerminationGracePeriod();
			if (gracePeriod != null) {
				line.append(" of the ").append(format(gracePeriod)).append(" grace period");
				if (platform.getKind() == DeploymentPlatform.Kind.KUBERNETES_ENGINE) {
					line.append(" (Kubernetes' default; for another, set cloudtrace.batch.shutdown-timeout)");
				}
			}
		}
		else {
			line.append("no exporter is active, so no span is exported");
		}
		line.append("; ").append(sampling(plan));
		return line.toString();
	}

	private static @Nullable String where(DeploymentPlatform platform) {
		return switch (platform.getKind()) {
			case CLOUD_RUN_SERVICE -> "Cloud Run service " + platform.getName() + version("revision", platform);
			case CLOUD_RUN_JOB -> "Cloud Run job " + platform.getName() + version("execution", platform);
			case KUBERNETES_ENGINE -> "Google Kubernetes Engine";
			case OTHER_GOOGLE_CLOUD -> "Google Cloud";
			case OFF_GOOGLE_CLOUD -> null;
		};
	}

	private static String version(String kind, DeploymentPlatform platform) {
		return (platform.getVersion() != null) ? " (" + kind + " " + platform.getVersion() + ")" : "";
	}

	private static String sampling(Plan plan) {
		if (!plan.trustIncoming()) {
			return "requests start traces of their own, sampled by this service "
					+ "(cloudtrace.propagation.trust-incoming=false)";
		}
		if (plan.remoteParentNotSampled() == null) {
			return "the application's own sampler decides for unsampled platform parents";
		}
		return switch (plan.remoteParentNotSampled()) {
			case DECIDE -> "unsampled platform parents are decided by this service "
					+ "(cloudtrace.sampler.remote-parent-not-sampled=decide)";
			case FOLLOW -> "unsampled platform parents are followed, so their requests are not recorded "
					+ "(cloudtrace.sampler.remote-parent-not-sampled=follow)";
		};
	}

	private static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * What the tracer provider was built with.
	 *
	 * @param exporting whether any exporter has a batch span processor
	 * @param scheduleDelay the delay between two exports
	 * @param exportAtRequestStart whether requests ask for an export when they start
	 * @param shutdown how long shutdown waits for the flush
	 * @param remoteParentNotSampled what the starter's sampler does with an unsampled remote
	 * parent, or {@code null} if the application has a sampler of its own
	 * @param trustIncoming whether requests continue the trace they arrive with
	 */
	record Plan(boolean exporting, Duration scheduleDelay, boolean exportAtRequestStart, ShutdownTimeout shutdown,
			@Nullable RemoteParentNotSampled remoteParentNotSampled, boolean trustIncoming) {

	}

}
