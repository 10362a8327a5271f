package dev.cloudtrace.autoconfigure.gcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cloudtrace.autoconfigure.testsupport.FakeMetadataServer;
import dev.cloudtrace.autoconfigure.testsupport.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GKE pod simulated on loopback (issue 12): the variables Kubernetes sets ({@code KUBERNETES_SERVICE_HOST},
 * {@code HOSTNAME}), those of the downward API that Google's GKE guide adds for OpenTelemetry ({@code POD_NAME},
 * {@code NAMESPACE_NAME}, {@code CONTAINER_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES} built from them), no key file
 * (Workload Identity), and the metadata server of a node of a regional cluster. What is real and what is swapped is
 * said in {@link MetadataServerEndToEndTests}; in addition, the starter's platform hint on GKE is the node's DMI
 * product name, {@code Google Compute Engine}, which this machine does not have: the hint reads a file that says
 * so instead of {@code /sys/class/dmi/id/product_name}.
 */
class GkeEndToEndTests extends MetadataServerEndToEndTests {

	private static final String POD = "checkout-7d9f8b6c5d-x2x4z";

	@TempDir
	static Path directory;

	@Override
	FakeMetadataServer metadataServer() throws IOException {
		return new FakeMetadataServer().zone("europe-west1-b").cluster("orders-cluster", "europe-west1");
	}

	@Override
	Map<String, String> platformEnvironment(int port) {
		// A cluster IP on GKE; only its presence matters, and loopback keeps even a stray call on the machine.
		return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "443", "HOSTNAME", POD,
				"POD_NAME", POD, "NAMESPACE_NAME", "shop", "CONTAINER_NAME", "checkout", "OTEL_RESOURCE_ATTRIBUTES",
				"k8s.pod.name=" + POD + ",k8s.namespace.name=shop,k8s.container.name=checkout");
	}

	@Override
	Map<String, String> systemProperties() throws IOException {
		Path productName = Files.writeString(directory.resolve("product_name"), "Google Compute Engine\n");
		return Map.of(MetadataServerApplication.DMI_PRODUCT_NAME, productName.toString());
	}

	@Test
	void exportsTheGkeResource() throws Exception {
		ReceivedSpan span = serve(true);
		assertThat(span.resourceAttributes()).containsEntry("cloud.platform", "gcp_kubernetes_engine")
			.containsEntry("k8s.cluster.name", "orders-cluster")
			.containsEntry("cloud.region", "europe-west1")
			.containsEntry("host.id", FakeMetadataServer.INSTANCE_ID)
			.containsEntry("k8s.pod.name", POD)
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.container.name", "checkout");
	}

}
