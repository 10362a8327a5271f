package dev.cloudtrace.autoconfigure.testsupport;

import java.io.IOException;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/**
 * Fake of Google's Telemetry API over OTLP/gRPC: serves {@code opentelemetry.proto.collector.trace.v1.TraceService}
 * in plaintext on 127.0.0.1 and records the exports with their metadata.
 */
public final class FakeTelemetryGrpcApi extends GrpcFake<ReceivedExport, ReceivedSpan> {

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

	/**
	 * Starts the fake on an ephemeral port of 127.0.0.1.
	 * @throws IOException if the port cannot be bound
	 */
	public FakeTelemetryGrpcApi() throws IOException {
	}

	@Override
	protected ServerServiceDefinition service() {
		return ServerServiceDefinition.builder(SERVICE_NAME)
			.addMethod(EXPORT, ServerCalls.asyncUnaryCall(this::export))
			.build();
	}

	/**
	 * Returns the endpoint for an OTLP gRPC exporter, {@code http://127.0.0.1:PORT}.
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	private void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> observer) {
		arrived();
		respond(observer, () -> {
			ReceivedExport export = new ReceivedExport(GrpcHeaderCapture.current(), request);
			accepted(export, OtlpSpans.of(export));
			return ExportTraceServiceResponse.getDefaultInstance();
		});
	}

}
