package dev.cloudtrace.autoconfigure.propagation;

import java.util.Collection;
import java.util.Iterator;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * {@link W3CBaggagePropagator} that reads at most the list-members the W3C Baggage
 * specification obliges a platform to propagate: 64 members and 8192 bytes, counted over
 * all {@code baggage} headers together.
 * <p>
 * Hand-written because OpenTelemetry's propagator (1.55) enforces no limit: it parses every
 * {@code baggage} header in full and keeps every entry, and whatever it keeps is made current
 * for the whole request and written to every outgoing call. A sender could make a service
 * hold, and forward to each service it calls, as much baggage as the server's header size
 * limit lets through. The specification allows dropping list-members beyond those limits,
 * but never parts of one, so whole members are kept in the order they arrived, and a member
 * that would take the total past 8192 bytes is skipped. The bounded string is then parsed by
 * OpenTelemetry's propagator; injection is unchanged.
 * <p>
 * Repeated {@code baggage} headers are combined in order into one list, as RFC 9110
 * combines a repeated field, and the limits apply to that list: every value is read from
 * the starter's getters on every OpenTelemetry line, and from other getters where the
 * OpenTelemetry API can reach them (see {@link HeaderValues}). Empty and whitespace-only
 * list-members are skipped.
 */
public final class BoundedBaggagePropagator implements TextMapPropagator {

	/**
	 * Most list-members read from the incoming headers.
	 */
	public static final int MAX_MEMBERS = 64;

	/**
	 * Most bytes (UTF-8) of the list-members read from the incoming headers, separators
	 * included.
	 */
	public static final int MAX_BYTES = 8192;

	private static final String FIELD = "baggage";

	private static final BoundedBaggagePropagator INSTANCE = new BoundedBaggagePropagator();

	private final TextMapPropagator delegate = W3CBaggagePropagator.getInstance();

	private BoundedBaggagePropagator() {
	}

	/**
	 * Return the shared instance.
	 * @return the propagator
	 */
	public static BoundedBaggagePropagator getInstance() {
		return INSTANCE;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(@Nullable Context context, @Nullable C carrier, @Nullable TextMapGetter<C> getter) {
		if (context == null) {
			return Context.root();
		}
		if (getter == null) {
			return context;
		}
		String bounded = bound(HeaderValues.all(getter, carrier, FIELD));
		if (bounded.isEmpty()) {
			return context;
		}
		return this.delegate.extract(context, bounded, HeaderValues.only(FIELD));
	}

	/**
	 * Joins the list-members of the given header values, in order, up to the limits.
	 * @param values the values of every {@code baggage} header
	 * @return the members kept, separated by commas
	 */
	static String bound(Iterator<String> values) {
		StringBuilder kept = new StringBuilder();
		int members = 0;
		int bytes = 0;
		ListMembers list = new ListMembers(values);
		while (members < MAX_MEMBERS && list.next()) {
			int memberBytes = utf8Length(list.value(), list.from(), list.to());
			int needed = (members > 0) ? memberBytes + 1 : memberBytes;
			if (bytes + needed <= MAX_BYTES) {
				if (members > 0) {
					kept.append(',');
				}
				kept.append(list.value(), list.from(), list.to());
				bytes += needed;
				members++;
			}
		}
		return kept.toString();
	}

	private static int utf8Length(String value, int from, int to) {
		int length = 0;
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isSurrogate(c)) {
				// Each half of a pair counts two of the pair's four bytes.
				length += 2;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	@Override
	public String toString() {
		return "BoundedBaggagePropagator{" + this.delegate + "}";
	}

}
