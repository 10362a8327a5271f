package dev.cloudtrace.autoconfigure.gcp;

import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoogleCloudPlatform}.
 */
class GoogleCloudPlatformTests {

	private static final AttributeKey<String> PLATFORM = AttributeKey.stringKey("cloud.platform");

	@Test
	void detectsOnceAndKeepsTheResult() {
		AtomicInteger calls = new AtomicInteger();
		GoogleCloudPlatform platform = new GoogleCloudPlatform(true, true, () -> {
			calls.incrementAndGet();
			return Attributes.of(PLATFORM, "gcp_kubernetes_engine");
		});
		assertThat(platform.getResource().getAttribute(PLATFORM)).isEqualTo("gcp_kubernetes_engine");
		assertThat(platform.getResource().getAttribute(PLATFORM)).isEqualTo("gcp_kubernetes_engine");
		assertThat(calls).hasValue(1);
	}

	@Test
	void doesNotDetectWhenSwitchedOff() {
		AtomicInteger calls = new AtomicInteger();
		GoogleCloudPlatform platform = new GoogleCloudPlatform(true, false, () -> {
			calls.incrementAndGet();
			return Attributes.empty();
		});
		assertThat(platform.getResource()).isEqualTo(Resource.empty());
		assertThat(calls).hasValue(0);
	}

	@Test
	void failingDetectorGivesEmptyResource() {
		GoogleCloudPlatform platform = new GoogleCloudPlatform(true, true, () -> {
			throw new IllegalStateException("metadata server unreachable");
		});
		assertThat(platform.getResource()).isEqualTo(Resource.empty());
	}

}
