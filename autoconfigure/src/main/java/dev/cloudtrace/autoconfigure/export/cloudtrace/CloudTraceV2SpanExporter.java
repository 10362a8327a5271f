package dev.cloudtrace.autoconfigure.export.cloudtrace;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.opentelemetry.trace.TraceConfiguration;
import com.google.cloud.opentelemetry.trace.TraceExporter;
import com.google.cloud.trace.v2.stub.GrpcTraceServiceStub;
import com.google.cloud.trace.v2.stub.TraceServiceStubSettings;
import dev.cloudtrace.autoconfigure.Secrets;
import dev.cloudtrace.autoconfigure.export.OtlpEndpoints;
import dev.cloudtrace.autoconfigure.gcp.CachingGoogleCredentials;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Exports to the legacy Cloud Trace v2 API with Google's (deprecated upstream)
 * {@code exporter-trace}. The underlying exporter is created on first export and again
 * after a failed creation, so missing credentials are retried instead of turning the
 * exporter into a no-op for good; a failed creation fails the export with the reason.
 */
public final class CloudTraceV2SpanExporter implements SpanExporter {

	private final String projectId;

	private final String endpoint;

	private final Duration timeout;

	private final @Nullable CachingGoogleCredentials credentials;

	private @Nullable SpanExporter delegate;

	/**
	 * Creates an exporter.
	 * @param projectId the project that receives the spans
	 * @param endpoint host and port of the v2 API; a loopback host is called in plaintext
	 * @param timeout the deadline of one export
	 * @param credentials the credentials, or {@code null} to send none
	 */
	public CloudTraceV2SpanExporter(String projectId, String endpoint, Duration timeout,
			@Nullable CachingGoogleCredentials credentials) {
		this.projectId = projectId;
		this.endpoint = endpoint;
		this.timeout = timeout;
		this.credentials = credentials;
	}

	@Override
	public synchronized CompletableResultCode export(Collection<SpanData> spans) {
		if (this.delegate == null) {
			try {
				this.delegate = TraceExporter.createWithConfiguration(TraceConfiguration.builder()
					.setProjectId(this.projectId)
					.setDeadline(this.timeout)
					.setTraceServiceStub(createStub())
					.build());
			}
			catch (IOException | RuntimeException ex) {
				// Reported by the exporter's caller, once per failure episode.
				return CompletableResultCode.ofExceptionalFailure(
						new IOException("Could not create the Cloud Trace v2 exporter: " + Secrets.redact(ex.getMessage())));
			}
		}
		return this.delegate.export(spans);
	}

	private GrpcTraceServiceStub createStub() throws IOException {
		InstantiatingGrpcChannelProvider.Builder channel = InstantiatingGrpcChannelProvider.newBuilder();
		CredentialsProvider credentialsProvider = (this.credentials != null) ? this.credentials::get
				: NoCredentialsProvider.create();
		URI uri = URI.create("https://" + this.endpoint);
		if (OtlpEndpoints.isLoopback(uri)) {
			CachingGoogleCredentials loopbackCredentials = this.credentials;
			channel.setChannelConfigurator((builder) -> {
				builder.usePlaintext();
				if (loopbackCredentials != null) {
					builder.intercept(new LoopbackAuthorizationInterceptor(loopbackCredentials, uri));
				}
				return builder;
			});
			credentialsProvider = NoCredentialsProvider.create();
		}
		return GrpcTraceServiceStub.create(TraceServiceStubSettings.newBuilder()
			.setEndpoint(this.endpoint)
			.setTransportChannelProvider(channel.build())
			.setCredentialsProvider(credentialsProvider)
			.setHeaderProvider(FixedHeaderProvider.create("x-goog-user-project", this.projectId))
			.build());
	}

	@Override
	public synchronized CompletableResultCode flush() {
		return (this.delegate != null) ? this.delegate.flush() : CompletableResultCode.ofSuccess();
	}

	@Override
	public synchronized CompletableResultCode shutdown() {
		return (this.delegate != null) ? this.delegate.shutdown() : CompletableResultCode.ofSuccess();
	}

}
