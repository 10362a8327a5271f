package dev.cloudtrace.autoconfigure.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Parses the {@code tracestate} headers of a request with the W3C Trace Context grammar,
 * and holds the list-members in order as a {@link TraceState}.
 * <p>
 * Hand-written because OpenTelemetry's parser (1.49) reads only the first header,
 * keeps the first of duplicated keys, silently drops members whose key it rejects, and
 * rejects multi-tenant keys that the grammar allows (a tenant of 241 characters, a system
 * of 14). Its {@code TraceStateBuilder} applies the same key rule, so a state holding such
 * a key is kept in this class rather than in OpenTelemetry's.
 */
final class TraceStateMembers implements TraceState {

	/**
	 * Most list-members of a valid {@code tracestate}.
	 */
	static final int MAX_MEMBERS = 32;

	private static final int MAX_KEY_LENGTH = 256;

	private static final int MAX_TENANT_LENGTH = 241;

	private static final int MAX_SYSTEM_LENGTH = 14;

	private static final int MAX_VALUE_LENGTH = 256;

	// In the order of the header.
	private final List<Map.Entry<String, String>> entries;

	private TraceStateMembers(List<Map.Entry<String, String>> entries) {
		this.entries = entries;
	}

	/**
	 * Parses the values of every {@code tracestate} header, combined in order as RFC 9110
	 * combines a repeated field: one comma-separated list.
	 * @param headers the header values, in the order they arrived
	 * @return the list-members as key and value pairs, in order: none when the headers hold
	 * no member, or when the list is invalid (a malformed member, a duplicated key, more than
	 * {@value #MAX_MEMBERS} members)
	 */
	static List<String[]> parse(Iterator<String> headers) {
		if (!headers.hasNext()) {
			// Most requests carry no tracestate: nothing to allocate.
			return List.of();
		}
		List<String[]> members = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		ListMembers list = new ListMembers(headers);
		while (list.next()) {
			String member = list.value().substring(list.from(), list.to());
			int equals = member.indexOf('=');
			if (equals < 0 || members.size() == MAX_MEMBERS) {
				return List.of();
			}
			String key = member.substring(0, equals);
			String value = member.substring(equals + 1);
			if (!isValidKey(key) || !isValidValue(value) || !seen.add(key)) {
				return List.of();
			}
			members.add(new String[] { key, value });
		}
		return members;
	}

	/**
	 * Returns a trace state holding the given members in order: OpenTelemetry's own when
	 * its builder accepts every key, else one of this class.
	 * @param members key and value pairs, valid and with distinct keys
	 * @return the trace state
	 */
	static TraceState of(List<String[]> members) {
		if (members.isEmpty()) {
			return TraceState.getDefault();
		}
		TraceStateBuilder builder = TraceState.builder();
		// The builder puts each member in front of those already put.
		for (int i = members.size() - 1; i >= 0; i--) {
			builder.put(members.get(i)[0], members.get(i)[1]);
		}
		TraceState built = builder.build();
		if (built.size() == members.size()) {
			return built;
		}
		return new TraceStateMembers(members.stream().map((member) -> Map.entry(member[0], member[1])).toList());
	}

	// key = simple-key / multi-tenant-key
	// simple-key = lcalpha 0*255( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
	// multi-tenant-key = tenant-id "@" system-id
	// tenant-id = ( lcalpha / DIGIT ) 0*240( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
	// system-id = lcalpha 0*13( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
	static boolean isValidKey(String key) {
		int length = key.length();
		if (length == 0 || length > MAX_KEY_LENGTH) {
			return false;
		}
		int at = key.indexOf('@');
		if (at < 0) {
			return isLowerCaseLetter(key.charAt(0)) && allKeyCharacters(key, 1, length);
		}
		int systemLength = length - at - 1;
		return at >= 1 && at <= MAX_TENANT_LENGTH && systemLength >= 1 && systemLength <= MAX_SYSTEM_LENGTH
				&& (isLowerCaseLetter(key.charAt(0)) || isDigit(key.charAt(0))) && allKeyCharacters(key, 1, at)
				&& isLowerCaseLetter(key.charAt(at + 1)) && allKeyCharacters(key, at + 2, length);
	}

	// value = 0*255(chr) nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E; chr = %x20 / nblk-chr
	static boolean isValidValue(String value) {
		int length = value.length();
		if (length == 0 || length > MAX_VALUE_LENGTH || value.charAt(length - 1) == ' ') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < ' ' || c > '~' || c == ',' || c == '=') {
				return false;
			}
		}
		return true;
	}

	private static boolean allKeyCharacters(String key, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = key.charAt(i);
			if (!isLowerCaseLetter(c) && !isDigit(c) && c != '_' && c != '-' && c != '*' && c != '/') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowerCaseLetter(char c) {
		return c >= 'a' && c <= 'z';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	@Override
	public @Nullable String get(String key) {
		for (Map.Entry<String, String> entry : this.entries) {
			if (entry.getKey().equals(key)) {
				return entry.getValue();
			}
		}
		return null;
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	@Override
	public void forEach(BiConsumer<String, String> consumer) {
		for (Map.Entry<String, String> entry : this.entries) {
			consumer.accept(entry.getKey(), entry.getValue());
		}
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public Map<String, String> asMap() {
		Map<String, String> map = new LinkedHashMap<>();
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	/**
	 * Returns OpenTelemetry's builder holding the members its key rule accepts: a key that
	 * only the W3C grammar allows is not kept by a state built from it.
	 */
	@Override
	public TraceStateBuilder toBuilder() {
		TraceStateBuilder builder = TraceState.builder();
		for (int i = this.entries.size() - 1; i >= 0; i--) {
			builder.put(this.entries.get(i).getKey(), this.entries.get(i).getValue());
		}
		return builder;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof TraceStateMembers state && this.entries.equals(state.entries));
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	@Override
	public String toString() {
		return "TraceStateMembers" + asMap();
	}

}
