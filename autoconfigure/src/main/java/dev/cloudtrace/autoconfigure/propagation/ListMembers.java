package dev.cloudtrace.autoconfigure.propagation;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * Walks the list-members of a header whose value is a comma-separated list, such as
 * {@code tracestate} and {@code baggage}, over every value of a repeated header combined
 * in order, as RFC 9110 combines a repeated field. Optional whitespace (spaces and tabs)
 * around a member is not part of it, and empty members are skipped.
 */
final class ListMembers {

	private final Iterator<String> values;

	private @Nullable String value;

	private int start;

	private int from;

	private int to;

	/**
	 * Create a walker.
	 * @param values every value of the header, in the order they arrived
	 */
	ListMembers(Iterator<String> values) {
		this.values = values;
	}

	/**
	 * Moves to the next member.
	 * @return {@code false} when there is none left
	 */
	boolean next() {
		while (true) {
			if (this.value == null || this.start > this.value.length()) {
				if (!this.values.hasNext()) {
					return false;
				}
				this.value = this.values.next();
				this.start = 0;
				continue;
			}
			int end = this.value.indexOf(',', this.start);
			if (end < 0) {
				end = this.value.length();
			}
			int first = this.start;
			while (first < end && isWhitespace(this.value.charAt(first))) {
				first++;
			}
			int last = end;
			while (last > first && isWhitespace(this.value.charAt(last - 1))) {
				last--;
			}
			this.start = end + 1;
			if (first < last) {
				this.from = first;
				this.to = last;
				return true;
			}
		}
	}

	/**
	 * Return the header value that holds the current member.
	 * @return the value
	 */
	String value() {
		return this.value;
	}

	/**
	 * Return where the current member starts in {@link #value()}.
	 * @return the index of its first character
	 */
	int from() {
		return this.from;
	}

	/**
	 * Return where the current member ends in {@link #value()}.
	 * @return the index past its last character
	 */
	int to() {
		return this.to;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
