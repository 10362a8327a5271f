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

	public List<PropagationType> getTypes() {
		return this.types;
	}

	public void setTypes(List<PropagationType> types) {
		this.types = types;
	}

}
