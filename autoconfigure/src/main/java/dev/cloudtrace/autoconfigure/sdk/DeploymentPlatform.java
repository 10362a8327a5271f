package dev.cloudtrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where the application runs, as far as the SDK's defaults depend on it: a Cloud Run
 * service or job, Google Kubernetes Engine, elsewhere on Google Cloud, or off Google
 * Cloud. Read from environment variables alone, never from the network.
 * <p>
 * Cloud Run sets {@code K_SERVICE} and {@code K_REVISION} in a service's containers and
 * {@code CLOUD_RUN_JOB} and {@code CLOUD_RUN_EXECUTION} in a job's. Kubernetes sets
 * {@code KUBERNETES_SERVICE_HOST} in every pod; together with a local hint of Google Cloud
 * (the Compute Engine DMI product name of a GKE node) it means GKE.
 */
public final class DeploymentPlatform {

	/**
	 * Time between SIGTERM and SIGKILL on Cloud Run, services and jobs alike.
	 */
	static final Duration CLOUD_RUN_GRACE_PERIOD = Duration.ofSeconds(10);

	/**
	 * Kubernetes' default {@code terminationGracePeriodSeconds}. A pod cannot read its own
	 * value: the Downward API does not expose it.
	 */
	static final Duration KUBERNETES_DEFAULT_GRACE_PERIOD = Duration.ofSeconds(30);

	private final Kind kind;

	private final String name;

	private final String version;

	private DeploymentPlatform(Kind kind, String name, String version) {
		this.kind = kind;
		this.name = name;
		this.version = version;
	}

	/**
	 * Detects the platform from environment variables.
	 * @param environment looks up an environment variable, such as Spring's
	 * {@code Environment::getProperty}
	 * @param onGoogleCloud whether local hints say the process runs on Google Cloud
	 * @return the platform
	 */
	public static DeploymentPlatform detect(Function<String, @Nullable String> environment,
			boolean onGoogleCloud) {
		String job = value(environment, "CLOUD_RUN_JOB");
		if (job != null) {
			return new DeploymentPlatform(Kind.CLOUD_RUN_JOB, job, value(environment, "CLOUD_RUN_EXECUTION"));
		}
		String service = value(environment, "K_SERVICE");
		if (service != null) {
			return new DeploymentPlatform(Kind.CLOUD_RUN_SERVICE, service, value(environment, "K_REVISION"));
		}
		if (onGoogleCloud && value(environment, "KUBERNETES_SERVICE_HOST") != null) {
			return new DeploymentPlatform(Kind.KUBERNETES_ENGINE, null, null);
		}
		return new DeploymentPlatform(onGoogleCloud ? Kind.OTHER_GOOGLE_CLOUD : Kind.OFF_GOOGLE_CLOUD, null, null);
	}

	private static @Nullable String value(Function<String, @Nullable String> environment, String variable) {
		String value = environment.apply(variable);
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	/**
	 * Returns the kind of platform.
	 * @return the kind
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Returns the name of the Cloud Run service or job.
	 * @return the name, or {@code null} if not on Cloud Run
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * Returns the revision of a Cloud Run service, or the execution of a Cloud Run job.
	 * @return the revision or execution, or {@code null} if unknown
	 */
	public @Nullable String getVersion() {
		return this.version;
	}

	/**
	 * Returns whether the process runs on Google Cloud.
	 * @return whether on Google Cloud
	 */
	public boolean isOnGoogleCloud() {
		return this.kind != Kind.OFF_GOOGLE_CLOUD;
	}

	/**
	 * Returns the time the platform leaves between SIGTERM and SIGKILL: 10 seconds on
	 * Cloud Run; on GKE Kubernetes' default of 30 seconds, since a pod cannot read its own.
	 * @return the grace period, or {@code null} where there is none to respect
	 */
	public @Nullable Duration getTerminationGracePeriod() {
		return switch (this.kind) {
			case CLOUD_RUN_SERVICE, CLOUD_RUN_JOB -> CLOUD_RUN_GRACE_PERIOD;
			case KUBERNETES_ENGINE -> KUBERNETES_DEFAULT_GRACE_PERIOD;
			case OTHER_GOOGLE_CLOUD, OFF_GOOGLE_CLOUD -> null;
		};
	}

	@Override
	public String toString() {
		return "DeploymentPlatform{" + this.kind + ((this.name != null) ? "," + this.name : "")
				+ ((this.version != null) ? "," + this.version : "") + "}";
	}

	/**
	 * Kinds of platform.
	 */
	public enum Kind {

		/**
		 * A Cloud Run service ({@code K_SERVICE}): with request-based billing, the CPU is
		 * throttled outside requests.
		 */
		CLOUD_RUN_SERVICE,

		/**
		 * A task of a Cloud Run job ({@code CLOUD_RUN_JOB}): the CPU is always allocated,
		 * and the task ends when the process does.
		 */
		CLOUD_RUN_JOB,

		/**
		 * A pod on Google Kubernetes Engine.
		 */
		KUBERNETES_ENGINE,

		/**
		 * Elsewhere on Google Cloud: Compute Engine, App Engine, Cloud Functions.
		 */
		OTHER_GOOGLE_CLOUD,

		/**
		 * Not on Google Cloud.
		 */
		OFF_GOOGLE_CLOUD

	}

}
