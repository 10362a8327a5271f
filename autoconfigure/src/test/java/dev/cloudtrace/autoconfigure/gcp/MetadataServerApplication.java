package dev.cloudtrace.autoconfigure.gcp;

import java.nio.file.Path;

import io.opentelemetry.contrib.gcp.resource.MetadataServerResourceProvider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application that {@link MetadataServerEndToEndTests} run in a JVM of their own, with the environment of Cloud
 * Run or GKE: every auto-configuration, {@code GET /work}, and one bean of the kind a user may define, a
 * {@link GoogleCloudPlatform} whose detector is Google's, asking the metadata server at {@code GCE_METADATA_HOST}
 * instead of {@code metadata.google.internal}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(MetadataServerApplication.WorkController.class)
public class MetadataServerApplication {

	/**
	 * Starts the line printed on standard output once the application serves requests.
	 */
	static final String READY = "metadata-server-application ready:";

	/**
	 * System property naming the file read as the DMI product name, the platform hint of a Compute Engine VM and so
	 * of a GKE node; by default the real {@code /sys/class/dmi/id/product_name}.
	 */
	static final String DMI_PRODUCT_NAME = "cloudtrace.test.dmi-product-name";

	public static void main(String[] args) {
		// Ends with the test's JVM, even one killed before its finally blocks ran.
		ProcessHandle.current().parent().ifPresent((test) -> test.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
		ConfigurableApplicationContext context = SpringApplication.run(MetadataServerApplication.class, args);
		GoogleCloudProject project = context.getBean(GoogleCloudProject.class);
		System.out.println(READY + " on-google-cloud=" + context.getBean(GoogleCloudPlatform.class).isOnGoogleCloud()
				+ " project=" + project.id() + " project-source=" + project.source());
	}

	/**
	 * The platform as {@link GoogleCloudAutoConfiguration} builds it with {@code cloudtrace.resource.detect-gcp=auto}
	 * (the starter's own hint, read through the environment, decides whether the process is on Google Cloud and
	 * whether to detect), but with Google's detector asking the metadata server at {@code GCE_METADATA_HOST}.
	 */
	@Bean
	GoogleCloudPlatform googleCloudPlatform(Environment environment) {
		Path dmiProductName = Path
			.of(System.getProperty(DMI_PRODUCT_NAME, GoogleCloudPlatformHint.DMI_PRODUCT_NAME.toString()));
		boolean onGoogleCloud = GoogleCloudPlatformHint.isOnGoogleCloud(environment::getProperty, dmiProductName);
		String metadataUrl = "http://" + environment.getRequiredProperty("GCE_METADATA_HOST") + "/computeMetadata/v1/";
		return new GoogleCloudPlatform(onGoogleCloud, onGoogleCloud,
				MetadataServerResourceProvider.detector(metadataUrl, System::getenv));
	}

	@RestController
	static class WorkController {

		@GetMapping("/work")
		String work() {
			return "done";
		}

	}

}
