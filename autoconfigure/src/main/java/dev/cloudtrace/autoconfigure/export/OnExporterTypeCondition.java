package dev.cloudtrace.autoconfigure.export;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnExporterType}.
 */
class OnExporterTypeCondition extends SpringBootCondition {

	static final String PROPERTY = "cloudtrace.exporter.type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ExporterType required = (ExporterType) metadata.getAnnotationAttributes(ConditionalOnExporterType.class.getName())
			.get("value");
		List<ExporterType> types;
		try {
			types = configuredTypes(context.getEnvironment());
		}
		catch (RuntimeException ex) {
			// An unknown name: binding the properties reports it with the valid values.
			return ConditionOutcome.noMatch(PROPERTY + " could not be bound");
		}
		return types.contains(required) ? ConditionOutcome.match(PROPERTY + " lists " + required)
				: ConditionOutcome.noMatch(PROPERTY + " does not list " + required);
	}

	static List<ExporterType> configuredTypes(Environment environment) {
		return Binder.get(environment)
			.bind(PROPERTY, Bindable.listOf(ExporterType.class))
			.orElseGet(() -> List.of(ExporterType.CLOUD_TRACE));
	}

	static boolean isConfigured(Environment environment) {
		return Binder.get(environment).bind(PROPERTY, Bindable.listOf(ExporterType.class)).isBound();
	}

}
