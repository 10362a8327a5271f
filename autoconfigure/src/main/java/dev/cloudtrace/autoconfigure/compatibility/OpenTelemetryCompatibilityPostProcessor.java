package dev.cloudtrace.autoconfigure.compatibility;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.util.ClassUtils;

/**
 * Bean factory post-processor that throws an {@link IncompatibleOpenTelemetryException} when
 * the OpenTelemetry artifacts on the classpath break the {@link OpenTelemetryCompatibility
 * rules}, before any bean, and so any OpenTelemetry object, is created.
 */
final class OpenTelemetryCompatibilityPostProcessor implements BeanFactoryPostProcessor, PriorityOrdered {

	private final Function<@Nullable ClassLoader, OpenTelemetryVersions> versions;

	OpenTelemetryCompatibilityPostProcessor() {
		this(OpenTelemetryVersions::read);
	}

	OpenTelemetryCompatibilityPostProcessor(Function<@Nullable ClassLoader, OpenTelemetryVersions> versions) {
		this.versions = versions;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		// Without the API, every other auto-configuration backs off: there is nothing to protect.
		if (!ClassUtils.isPresent(OpenTelemetryArtifact.API.getClassName(), classLoader)) {
			return;
		}
		List<OpenTelemetryIncompatibility> incompatibilities = OpenTelemetryCompatibility
			.check(this.versions.apply(classLoader));
		if (!incompatibilities.isEmpty()) {
			throw new IncompatibleOpenTelemetryException(incompatibilities);
		}
	}

	// Before other bean factory post-processors, one of which might create beans early.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
