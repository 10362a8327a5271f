package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A plaintext gRPC server on an ephemeral port of 127.0.0.1 that serves one fake service with fault injection.
 */
final class GrpcFakeServer implements AutoCloseable {

	private final Faults faults = new Faults();

	private final Server server;

	GrpcFakeServer(ServerServiceDefinition service) throws IOException {
		this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerInterceptors.intercept(service, new GrpcHeaderCapture()))
			.build()
			.start();
	}

	int port() {
		return this.server.getPort();
	}

	Faults faults() {
		return this.faults;
	}

	/**
	 * Answers a unary call as the current fault says, with {@code answer} when there is none.
	 */
	<R> void respond(StreamObserver<R> observer, Supplier<R> answer) {
		Faults.Outcome outcome = this.faults.next();
		switch (outcome.kind()) {
			case ANSWER -> {
				observer.onNext(answer.get());
				observer.onCompleted();
			}
			case FAIL -> observer.onError(Status.fromCodeValue(outcome.code())
				.withDescription("Injected by a fake")
				.asRuntimeException());
			case DROP -> observer.onError(Status.UNAVAILABLE.withDescription("Dropped by a fake").asRuntimeException());
		}
	}

	/**
	 * Releases hanging calls, then stops the server without waiting for calls in flight.
	 */
	@Override
	public void close() {
		this.faults.reset();
		this.server.shutdownNow();
		try {
			this.server.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
