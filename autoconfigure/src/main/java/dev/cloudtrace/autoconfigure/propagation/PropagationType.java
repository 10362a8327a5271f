package dev.cloudtrace.autoconfigure.propagation;

/**
 * The context propagation formats the starter can read and write.
 */
public enum PropagationType {

	/**
	 * W3C Trace Context: {@code traceparent} and {@code tracestate}.
	 */
	TRACECONTEXT,

	/**
	 * W3C Baggage: {@code baggage}.
	 */
	BAGGAGE,

	/**
	 * Google's {@code X-Cloud-Trace-Context}, read and written.
	 */
	CLOUD_TRACE,

	/**
	 * Google's {@code X-Cloud-Trace-Context}, read only.
	 */
	CLOUD_TRACE_ONEWAY,

	/**
	 * Zipkin B3, single {@code b3} header.
	 */
	B3,

	/**
	 * Zipkin B3, multiple {@code X-B3-*} headers.
	 */
	B3MULTI

}
