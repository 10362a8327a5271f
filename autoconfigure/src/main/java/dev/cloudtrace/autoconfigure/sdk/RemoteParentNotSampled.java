package dev.cloudtrace.autoconfigure.sdk;

/**
 * What the sampler does with a span whose parent came with the request and says "not
 * sampled" (a {@code traceparent} flag {@code 00}, or {@code X-Cloud-Trace-Context} with
 * {@code ;o=0}).
 */
public enum RemoteParentNotSampled {

	/**
	 * Record nothing, as the parent asks.
	 */
	FOLLOW,

	/**
	 * Keep the parent's trace id, and let this service's probability decide, as it does for
	 * a new trace.
	 */
	DECIDE

}
