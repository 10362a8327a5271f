package dev.cloudtrace.autoconfigure.annotation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the spans created for methods annotated with {@code @WithSpan}.
 */
@ConfigurationProperties("cloudtrace.annotations")
public class AnnotationTracingProperties {

	/**
	 * Whether Spring bean methods annotated with @WithSpan get a span, with their
	 * parameters annotated with @SpanAttribute as attributes.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
