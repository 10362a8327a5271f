package dev.cloudtrace.autoconfigure.testsupport;

import java.util.Map;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Hands each call's metadata to the gRPC fakes' service methods, which grpc-java otherwise keeps from them.
 */
final class GrpcHeaderCapture implements ServerInterceptor {

	private static final Context.Key<Map<String, String>> HEADERS = Context.key("fake-request-headers");

	/**
	 * Returns the metadata of the call being served, read-only, case-insensitive keys.
	 */
	static Map<String, String> current() {
		return HEADERS.get();
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		Context context = Context.current().withValue(HEADERS, RequestHeaders.of(headers));
		return Contexts.interceptCall(context, call, headers, next);
	}

}
