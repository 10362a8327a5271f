package dev.cloudtrace.autoconfigure.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SensitiveQueryParameters}.
 */
class SensitiveQueryParametersTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			access_token=abc                          | access_token=REDACTED
			q=shoes&api_key=k1&page=2                 | q=shoes&api_key=REDACTED&page=2
			Signature=s&AWSAccessKeyId=a&Expires=1    | Signature=REDACTED&AWSAccessKeyId=REDACTED&Expires=1
			X-Goog-Signature=abc&X-Goog-Date=20260101 | X-Goog-Signature=REDACTED&X-Goog-Date=20260101
			X-Amz-Security-Token=t&X-Amz-Signature=s  | X-Amz-Security-Token=REDACTED&X-Amz-Signature=REDACTED
			sv=2022&sig=abc%2Bdef                     | sv=2022&sig=REDACTED
			TOKEN=a&Password=b&pwd=c&passwd=d         | TOKEN=REDACTED&Password=REDACTED&pwd=REDACTED&passwd=REDACTED
			key=AIza&apikey=1&client_secret=2         | key=REDACTED&apikey=REDACTED&client_secret=REDACTED
			secret=&a=1                               | secret=REDACTED&a=1
			id_token=a&refresh_token=b                | id_token=REDACTED&refresh_token=REDACTED
			api%5Fkey=k&access%5ftoken=t              | api%5Fkey=REDACTED&access%5ftoken=REDACTED
			token=a=b&&token                          | token=REDACTED&&token
			""")
	void redactsCredentialsInQuery(String query, String expected) {
		assertThat(SensitiveQueryParameters.redactQuery(query)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "q=shoes&page=2", "keyword=a&tokens=b&monkey=c", "token", "=token",
			"sig=REDACTED", "%zz=1&a=%", "&&&&" })
	void returnsTheSameStringWhenNothingIsRedacted(String query) {
		assertThat(SensitiveQueryParameters.redactQuery(query)).isSameAs(query);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			https://example.com/a?token=t&x=1#token=f | https://example.com/a?token=REDACTED&x=1#token=f
			https://REDACTED:REDACTED@h/?key=k        | https://REDACTED:REDACTED@h/?key=REDACTED
			http://h:8080/t?sig=REDACTED&password=pw  | http://h:8080/t?sig=REDACTED&password=REDACTED
			""")
	void redactsQueryOfUrl(String url, String expected) {
		assertThat(SensitiveQueryParameters.redactUrl(url)).isEqualTo(expected);
	}

	@Test
	void leavesUrlWithoutQueryAlone() {
		String url = "https://example.com/token=abc";
		assertThat(SensitiveQueryParameters.redactUrl(url)).isSameAs(url);
	}

	@Test
	void redactsLongQueryInLinearTime() {
		String query = "&".repeat(1_000_000) + "token=secret";
		long start = System.nanoTime();
		assertThat(SensitiveQueryParameters.redactQuery(query)).endsWith("token=REDACTED");
		assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
	}

	@Test
	void namesSensitiveParametersIgnoringCase() {
		assertThat(SensitiveQueryParameters.isSensitive("X-GOOG-SIGNATURE")).isTrue();
		assertThat(SensitiveQueryParameters.isSensitive("q")).isFalse();
	}

}
