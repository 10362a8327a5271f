package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * Fake of Google's Telemetry API over OTLP/gRPC: serves {@code opentelemetry.proto.collector.trace.v1.TraceService}
 * in plaintext on 127.0.0.1 and records the exports with their metadata.
 * <p>
 * Every call is counted on arrival; only those answered {@code OK} are recorded. Faults last until {@link #reset()}.
 */
public final class FakeTelemetryGrpcApi implements AutoCloseable {

	/** The gRPC service the fake serves. */
	public static final String SERVICE_NAME = "opentelemetry.proto.collector.trace.v1.TraceService";

	// opentelemetry-proto ships the messages but no gRPC stubs, so the method is described by hand.
	private static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT = MethodDescriptor
		.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE_NAME, "Export"))
		.setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
		.build();

	private final Recording<ReceivedExport, ReceivedSpan> recording = new Recording<>();

	private final GrpcFakeServer server;

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeTelemetryGrpcApi() throws IOException {
		this.server = new GrpcFakeServer(ServerServiceDefinition.builder(SERVICE_NAME)
			.addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
			.build());
	}

	/**
	 * Returns the endpoint for an OTLP gRPC exporter, {@code http://127.0.0.1:PORT}.
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Returns the bound port.
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the export calls answered {@code OK}, in order of arrival.
	 */
	public List<ReceivedExport> requests() {
		return this.recording.requests();
	}

	/**
	 * Returns the spans of every call answered {@code OK}, in order of arrival.
	 */
	public List<ReceivedSpan> spans() {
		return this.recording.spans();
	}

	/**
	 * Waits until at least {@code count} spans have been received and returns all received so far.
	 * @throws AssertionError listing what did arrive when {@code timeout} elapses first
	 */
	public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
		return this.recording.awaitSpans(count, timeout);
	}

	/**
	 * Returns how many export calls arrived, including those failed or held by a fault.
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

	private void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
		this.recording.arrived();
		this.server.respond(observer, () -> {
			ReceivedExport export = new ReceivedExport(GrpcHeaderCapture.current(), request);
			this.recording.accepted(export, OtlpSpans.of(export));
			return ExportTraceServiceResponse.getDefaultInstance();
		});
	}

}
