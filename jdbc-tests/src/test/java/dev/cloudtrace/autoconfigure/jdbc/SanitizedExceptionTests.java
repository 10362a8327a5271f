package dev.cloudtrace.autoconfigure.jdbc;

import java.sql.SQLException;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SanitizedException}.
 */
class SanitizedExceptionTests {

	@Test
	void keepsTheFirstLineOfTheMessageWithoutQuotedValuesOrNumbers() {
		assertThat(SanitizedException.sanitize(
				"Column \"NOPE\" not found; SQL statement:\nselect nope from t where name = 'bob' [42122-232]"))
			.isEqualTo("Column ? not found; SQL statement:");
		assertThat(SanitizedException.sanitize("ERROR: invalid input syntax for type integer: \"42a\""))
			.isEqualTo("ERROR: invalid input syntax for type integer: ?");
		assertThat(SanitizedException.sanitize(
				"ERROR: duplicate key value violates unique constraint \"users_email_key\"\n  Detail: Key (email)=(bob@example.com) already exists."))
			.isEqualTo("ERROR: duplicate key value violates unique constraint ?");
		assertThat(SanitizedException.sanitize("value 'it''s' and 12.5e3 and -7 in table t1"))
			.isEqualTo("value ? and ? and ? in table t1");
	}

	@Test
	void eventHasTypeSanitizedMessageAndFramesOfEachCause() {
		SQLException cause = new SQLException("ERROR: bad value 'secret-1'");
		SQLException error = new SQLException("wrapper for 'secret-2'\nsecond line secret-3", cause);
		Attributes attributes = SanitizedException.attributes(error,
				Attributes.of(AttributeKey.stringKey("extra"), "kept"));
		assertThat(attributes.get(SanitizedException.EXCEPTION_TYPE)).isEqualTo("java.sql.SQLException");
		assertThat(attributes.get(SanitizedException.EXCEPTION_MESSAGE)).isEqualTo("wrapper for ?");
		String stackTrace = attributes.get(SanitizedException.EXCEPTION_STACKTRACE);
		assertThat(stackTrace).startsWith("java.sql.SQLException: wrapper for ?\n\tat ")
			.contains("Caused by: java.sql.SQLException: ERROR: bad value ?\n\tat ")
			.contains(getClass().getName())
			.doesNotContain("secret");
		assertThat(attributes.get(AttributeKey.stringKey("extra"))).isEqualTo("kept");
	}

}
