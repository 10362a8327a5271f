package dev.cloudtrace.autoconfigure.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cloudtrace.autoconfigure.InvalidCloudTracePropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of the span exporters.
 */
@ConfigurationProperties("cloudtrace.exporter")
public class ExporterProperties implements InitializingBean {

	/**
	 * Where finished spans are sent; several may be listed.
	 */
	private List<ExporterType> type = new ArrayList<>(List.of(ExporterType.CLOUD_TRACE));

	/**
	 * Cloud Trace through the Telemetry API.
	 */
	private final CloudTrace cloudTrace = new CloudTrace();

	/**
	 * Cloud Trace through the legacy v2 API.
	 */
	private final CloudTraceV2 cloudTraceV2 = new CloudTraceV2();

	/**
	 * Plain OTLP.
	 */
	private final Otlp otlp = new Otlp();

	public List<ExporterType> getType() {
		return this.type;
	}

	public void setType(List<ExporterType> type) {
		this.type = type;
	}

	public CloudTrace getCloudTrace() {
		return this.cloudTrace;
	}

	public CloudTraceV2 getCloudTraceV2() {
		return this.cloudTraceV2;
	}

	public Otlp getOtlp() {
		return this.otlp;
	}

	@Override
	public void afterPropertiesSet() {
		InvalidCloudTracePropertyException.check(
				!(this.type.contains(ExporterType.NONE) && this.type.size() > 1), "cloudtrace.exporter.type",
				this.type, "'none' cannot be combined with other exporter types.");
		checkTimeout("cloudtrace.exporter.cloud-trace.timeout", this.cloudTrace.getTimeout());
		checkTimeout("cloudtrace.exporter.cloud-trace-v2.timeout", this.cloudTraceV2.getTimeout());
		checkTimeout("cloudtrace.exporter.otlp.timeout", this.otlp.getTimeout());
	}

	private static void checkTimeout(String property, Duration timeout) {
		InvalidCloudTracePropertyException.check(timeout != null && !timeout.isNegative() && !timeout.isZero(),
				property, timeout, "use a duration greater than 0, e.g. 10s.");
	}

	/**
	 * Cloud Trace through the Telemetry API (OTLP).
	 */
	public static class CloudTrace {

		/**
		 * Base URL of the Telemetry API; '/v1/traces' is appended for http/protobuf. An
		 * http:// URL is accepted only for loopback hosts.
		 */
		private String endpoint = "https://telemetry.googleapis.com";

		/**
		 * Transport protocol.
		 */
		private OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;

		/**
		 * Maximum time of one export, retries of transient failures included; at most four
		 * fifths of cloudtrace.batch.export-timeout is used.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Compression of export requests. None by default: gzip costs about 4.5 µs of CPU per
		 * span, more than marshalling and sending, to save bytes that travel on Google's
		 * network when the application runs on Google Cloud.
		 */
		private Compression compression = Compression.NONE;

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public OtlpProtocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(OtlpProtocol protocol) {
			this.protocol = protocol;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public void setCompression(Compression compression) {
			this.compression = compression;
		}

	}

	/**
	 * Cloud Trace through the legacy v2 API.
	 */
	public static class CloudTraceV2 {

		/**
		 * Host and port of the Cloud Trace v2 API. A loopback endpoint is called over
		 * plaintext gRPC (local fakes and emulators).
		 */
		private String endpoint = "cloudtrace.googleapis.com:443";

		/**
		 * Maximum time of one export, retries of transient failures included; at most four
		 * fifths of cloudtrace.batch.export-timeout is used.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Plain OTLP to any receiver.
	 */
	public static class Otlp {

		/**
		 * Base URL of the receiver; '/v1/traces' is appended for http/protobuf. Defaults
		 * to http://localhost:4318, or http://localhost:4317 for grpc.
		 */
		private @Nullable String endpoint;

		/**
		 * Transport protocol.
		 */
		private OtlpProtocol protocol = OtlpProtocol.HTTP_PROTOBUF;

		/**
		 * Headers added to each export request.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Maximum time of one export, retries of transient failures included; at most four
		 * fifths of cloudtrace.batch.export-timeout is used.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Compression of export requests.
		 */
		private Compression compression = Compression.NONE;

		public @Nullable String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
		}

		public OtlpProtocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(OtlpProtocol protocol) {
			this.protocol = protocol;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public void setCompression(Compression compression) {
			this.compression = compression;
		}

	}

}
