package dev.cloudtrace.autoconfigure.testsupport;

import java.time.Instant;

/**
 * One access token that {@link FakeMetadataServer} handed out for the default service account.
 *
 * @param accessToken the token, {@code metadata-token-N}
 * @param scopes the {@code scopes} query parameter of the request, {@code null} when absent
 * @param issuedAt when the fake answered
 * @param expiresAt when the token expires, as the fake announced with {@code expires_in}
 */
public record MetadataToken(String accessToken, String scopes, Instant issuedAt, Instant expiresAt) {

}
