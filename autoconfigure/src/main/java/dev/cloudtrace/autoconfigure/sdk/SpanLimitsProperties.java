package dev.cloudtrace.autoconfigure.sdk;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on what one span may carry, so that hostile input or a huge argument cannot blow
 * up memory or the export request.
 */
@ConfigurationProperties("cloudtrace.limits")
public class SpanLimitsProperties implements InitializingBean {

	/**
	 * Maximum number of attributes per span; further attributes are dropped.
	 */
	private int maxAttributes = 128;

	/**
	 * Maximum length of a string attribute value; longer values are truncated.
	 */
	private int maxAttributeValueLength = 4096;

	/**
	 * Maximum number of events per span.
	 */
	private int maxEvents = 128;

	/**
	 * Maximum number of links per span.
	 */
	private int maxLinks = 128;

	public int getMaxAttributes() {
		return this.maxAttributes;
	}

	public void setMaxAttributes(int maxAttributes) {
		this.maxAttributes = maxAttributes;
	}

	public int getMaxAttributeValueLength() {
		return this.maxAttributeValueLength;
	}

	public void setMaxAttributeValueLength(int maxAttributeValueLength) {
		this.maxAttributeValueLength = maxAttributeValueLength;
	}

	public int getMaxEvents() {
		return this.maxEvents;
	}

	public void setMaxEvents(int maxEvents) {
		this.maxEvents = maxEvents;
	}

	public int getMaxLinks() {
		return this.maxLinks;
	}

	public void setMaxLinks(int maxLinks) {
		this.maxLinks = maxLinks;
	}

	@Override
	public void afterPropertiesSet() {
		check("cloudtrace.limits.max-attributes", this.maxAttributes);
		check("cloudtrace.limits.max-attribute-value-length", this.maxAttributeValueLength);
		check("cloudtrace.limits.max-events", this.maxEvents);
		check("cloudtrace.limits.max-links", this.maxLinks);
	}

	private static void check(String property, int value) {
		InvalidCloudTracePropertyException.check(value >= 0, property, value, "use a whole number of 0 or more.");
	}

}
