package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of context propagation across services.
 */
@ConfigurationProperties("cloudtrace.propagation")
public class PropagationProperties {

	/**
	 * Formats used to read the incoming trace context and write the outgoing one, in
	 * order. 'traceparent' wins when it arrives together with X-Cloud-Trace-Context.
	 */
	private List<PropagationType> types = new ArrayList<>(
			List.of(PropagationType.TRACECONTEXT, PropagationType.BAGGAGE, PropagationType.CLOUD_TRACE));

	/**
	 * Whether requests continue the trace they arrive with (its trace id and sampling
	 * decision). Set to false for a service at a public edge: each request then starts a new
	 * trace, sampled by this service's sampler, whose first span links to the incoming
	 * context, and incoming baggage is dropped. Outgoing calls still carry the trace.
	 */
	private boolean trustIncoming = true;

	public List<PropagationType> getTypes() {
		return this.types;
	}

	public void setTypes(List<PropagationType> types) {
		this.types = types;
	}

	public boolean isTrustIncoming() {
		return this.trustIncoming;
	}

	public void setTrustIncoming(boolean trustIncoming) {
		this.trustIncoming = trustIncoming;
	}

}
