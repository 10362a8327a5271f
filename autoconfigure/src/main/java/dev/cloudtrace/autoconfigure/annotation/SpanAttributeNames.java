package dev.cloudtrace.autoconfigure.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.api.annotation.support.ParameterAttributeNamesExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedMethod;

/**
 * Names the attribute of each {@link SpanAttribute} parameter: the annotation's value, or
 * else the parameter's name. Parameters without the annotation, or whose name is unknown,
 * get no attribute.
 */
final class SpanAttributeNames implements ParameterAttributeNamesExtractor {

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	@Override
	public @Nullable String[] extract(Method method, Parameter[] parameters) {
		// AnnotatedMethod also finds @SpanAttribute on the parameters of an interface's method.
		MethodParameter[] methodParameters = new AnnotatedMethod(method).getMethodParameters();
		@Nullable String[] names = new String[parameters.length];
		for (int i = 0; i < names.length && i < methodParameters.length; i++) {
			names[i] = attributeName(methodParameters[i]);
		}
		return names;
	}

	private @Nullable String attributeName(MethodParameter parameter) {
		SpanAttribute attribute = parameter.getParameterAnnotation(SpanAttribute.class);
		if (attribute == null) {
			return null;
		}
		if (!attribute.value().isEmpty()) {
			return attribute.value();
		}
		parameter.initParameterNameDiscovery(this.parameterNames);
		return parameter.getParameterName();
	}

}
