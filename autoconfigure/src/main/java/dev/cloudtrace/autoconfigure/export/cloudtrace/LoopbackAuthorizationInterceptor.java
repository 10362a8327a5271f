package dev.cloudtrace.autoconfigure.export.cloudtrace;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Adds the Google request metadata ({@code Authorization}) to each call on a plaintext
 * channel to a loopback host, such as a local emulator or fake. gRPC's own call
 * credentials refuse to travel without TLS, which is right for any other host, and the
 * starter only ever builds this interceptor for loopback endpoints.
 */
final class LoopbackAuthorizationInterceptor implements ClientInterceptor {

	private final CachingGoogleCredentials credentials;

	private final URI uri;

	LoopbackAuthorizationInterceptor(CachingGoogleCredentials credentials, URI uri) {
		this.credentials = credentials;
		this.uri = uri;
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
		return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<R> responseListener, Metadata headers) {
				addRequestMetadata(headers);
				super.start(responseListener, headers);
			}

		};
	}

	private void addRequestMetadata(Metadata headers) {
		Map<String, List<String>> metadata;
		try {
			metadata = this.credentials.requestMetadata(this.uri);
		}
		catch (IOException ex) {
			// Sent without a token: the server answers UNAUTHENTICATED and the exporter reports it.
			return;
		}
		metadata.forEach((name, values) -> {
			Metadata.Key<String> key = Metadata.Key.of(name.toLowerCase(java.util.Locale.ROOT),
					Metadata.ASCII_STRING_MARSHALLER);
			values.forEach((value) -> headers.put(key, value));
		});
	}

}
