package dev.cloudtrace.autoconfigure.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CapturedHeaders}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CapturedHeadersTests {

	@Test
	void refusesHeadersThatCarryCredentialsWithOneWarning(CapturedOutput output) {
		List<String> allowed = CapturedHeaders.withoutCredentials("cloudtrace.test.headers",
				List.of("X-Request-Id", "authorization", "Cookie", "SET-COOKIE", "Proxy-Authorization", "X-Api-Key",
						"X-Goog-Api-Key", "X-Auth-Token", "X-Serverless-Authorization", "X-Goog-IAP-JWT-Assertion",
						"X-Amz-Security-Token", "Content-Type"));
		assertThat(allowed).containsExactly("X-Request-Id", "Content-Type");
		assertThat(output.getOut().lines().filter((line) -> line.contains("cloudtrace.test.headers"))).singleElement()
			.asString()
			.contains("WARN", "authorization, Cookie, SET-COOKIE, Proxy-Authorization, X-Api-Key");
	}

	@Test
	void warnsAboutNothingWhenNoCredentialIsListed(CapturedOutput output) {
		assertThat(CapturedHeaders.withoutCredentials("cloudtrace.test.headers", List.of("X-Request-Id")))
			.containsExactly("X-Request-Id");
		assertThat(output.getOut()).doesNotContain("cloudtrace.test.headers");
	}

}
