package dev.cloudtrace.autoconfigure;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Removes credentials from text that is about to be logged or put in an exception message.
 * <p>
 * The starter's own messages never hold a secret, but they quote messages of libraries
 * (google-auth-library, the HTTP and gRPC clients, key parsers) whose wording it does not
 * control; this is the last line of defence for those.
 */
public final class Secrets {

	private static final String REDACTED = "[redacted]";

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)", Pattern.DOTALL);

	private static final Pattern PRIVATE_KEY_FIELD = Pattern.compile("(\"private_key\"\\s*:\\s*)\"[^\"]*\"?");

	private static final Pattern AUTHORIZATION_VALUE = Pattern
		.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");

	private static final Pattern GOOGLE_ACCESS_TOKEN = Pattern.compile("\\bya29\\.[A-Za-z0-9._-]+");

	private Secrets() {
	}

	/**
	 * Returns {@code text} with private keys, authorization header values and Google
	 * access tokens replaced by {@code [redacted]}.
	 * @param text the text, may be {@code null}
	 * @return the redacted text, or {@code null}
	 */
	public static @Nullable String redact(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String redacted = PEM_BLOCK.matcher(text).replaceAll(REDACTED);
		redacted = PRIVATE_KEY_FIELD.matcher(redacted).replaceAll("$1" + REDACTED);
		redacted = AUTHORIZATION_VALUE.matcher(redacted).replaceAll(REDACTED);
		return GOOGLE_ACCESS_TOKEN.matcher(redacted).replaceAll(REDACTED);
	}

}
