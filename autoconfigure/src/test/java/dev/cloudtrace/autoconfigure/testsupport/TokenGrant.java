package dev.cloudtrace.autoconfigure.testsupport;

import java.time.Instant;
import java.util.Map;

/**
 * One JWT-bearer grant {@link FakeOAuthTokenServer} answered with an access token, and the assertion it verified.
 *
 * @param accessToken the token handed out, {@code fake-token-N}
 * @param keyId the {@code kid} of the assertion's header
 * @param issuer the {@code iss} claim (the service account's email)
 * @param audience the {@code aud} claim
 * @param scope the {@code scope} claim, {@code null} when absent
 * @param subject the {@code sub} claim, {@code null} when absent
 * @param issuedAt the {@code iat} claim
 * @param expiresAt the {@code exp} claim
 * @param claims every claim as parsed from JSON (numbers as {@code Double})
 */
public record TokenGrant(String accessToken, String keyId, String issuer, String audience, String scope,
		String subject, Instant issuedAt, Instant expiresAt, Map<String, Object> claims) {

}
