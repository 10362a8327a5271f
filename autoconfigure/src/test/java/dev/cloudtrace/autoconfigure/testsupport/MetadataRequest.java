package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Map;

/**
 * One request that {@link FakeMetadataServer} received, whatever it answered.
 *
 * @param method the HTTP method
 * @param path the request path, such as {@code /computeMetadata/v1/project/project-id}
 * @param query the decoded query, {@code null} when there is none
 * @param headers the request headers, read-only, case-insensitive keys; repeated values joined by commas
 * @param status the status the fake answered with
 */
public record MetadataRequest(String method, String path, String query, Map<String, String> headers, int status) {

	/**
	 * Returns whether the request carried {@code Metadata-Flavor: Google}, which the metadata server demands.
	 */
	public boolean flavored() {
		return FakeMetadataServer.FLAVOR.equals(this.headers.get(FakeMetadataServer.FLAVOR_HEADER));
	}

}
