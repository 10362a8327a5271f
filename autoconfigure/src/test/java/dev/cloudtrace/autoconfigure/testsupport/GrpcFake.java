package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * What the gRPC fakes share: a plaintext server on an ephemeral port of 127.0.0.1, the
 * recording of the calls answered {@code OK}, and the faults a test switches on.
 * <p>
 * Every call is counted on arrival; only those answered {@code OK} are recorded. Faults last
 * until {@link #reset()}.
 *
 * @param <R> what one recorded call is
 * @param <S> what one recorded span is
 */
public abstract class GrpcFake<R, S> implements AutoCloseable {

	private final Recording<R, S> recording = new Recording<>();

	private final GrpcFakeServer server;

	/**
	 * Starts the fake with the service that {@link #service()} defines.
	 * @throws IOException if the port cannot be bound
	 */
	protected GrpcFake() throws IOException {
		// Called from here so that a subclass's service may be an inner class of it; the
		// service only calls back into the fake once the server runs.
		this.server = new GrpcFakeServer(service());
	}

	/**
	 * Returns the gRPC service the fake serves, whose calls use {@link #arrived()},
	 * {@link #respond(StreamObserver, Supplier)} and {@link #accepted(Object, List)}.
	 * @return the service definition
	 */
	protected abstract ServerServiceDefinition service();

	/**
	 * Returns the bound port.
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the calls answered {@code OK}, in order of arrival.
	 */
	public List<R> requests() {
		return this.recording.requests();
	}

	/**
	 * Returns the spans of every call answered {@code OK}, in order of arrival.
	 */
	public List<S> spans() {
		return this.recording.spans();
	}

	/**
	 * Waits until at least {@code count} spans have been received and returns all received so far.
	 * @throws AssertionError listing what did arrive when {@code timeout} elapses first
	 */
	public List<S> awaitSpans(int count, Duration timeout) {
		return this.recording.awaitSpans(count, timeout);
	}

	/**
	 * Returns how many calls arrived, including those failed or held by a fault.
	 */
	public int requestCount() {
		return this.recording.requestCount();
	}

	/**
	 * Fails every call with {@code code} until {@link #reset()}.
	 */
	public void respondWith(Status.Code code) {
		this.server.faults().failWith(code.value(), null, -1);
	}

	/**
	 * Fails the next {@code times} calls with {@code code}, then answers normally again.
	 */
	public void failNext(int times, Status.Code code) {
		this.server.faults().failWith(code.value(), null, times);
	}

	/**
	 * Accepts calls but never answers them; {@link #reset()} fails them with {@code UNAVAILABLE}.
	 */
	public void hang() {
		this.server.faults().hang();
	}

	/**
	 * Ends any fault: calls are answered normally again.
	 */
	public void reset() {
		this.server.faults().reset();
	}

	/**
	 * Forgets everything received so far, including the request count; faults stay as they are.
	 */
	public void clear() {
		this.recording.clear();
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * Counts a call on its arrival.
	 */
	protected final void arrived() {
		this.recording.arrived();
	}

	/**
	 * Answers a call as the current fault says, or with {@code answer} when there is none.
	 * @param <A> the type of the answer
	 * @param observer the call's response observer
	 * @param answer records the call and returns its answer; called only for an {@code OK}
	 */
	protected final <A> void respond(StreamObserver<A> observer, Supplier<A> answer) {
		this.server.respond(observer, answer);
	}

	/**
	 * Records a call answered {@code OK}.
	 * @param request the call
	 * @param spans its spans
	 */
	protected final void accepted(R request, List<S> spans) {
		this.recording.accepted(request, spans);
	}

}
