package dev.cloudtrace.autoconfigure.export;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code cloudtrace.exporter.type} lists the given type.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnExporterTypeCondition.class)
public @interface ConditionalOnExporterType {

	/**
	 * The exporter type that must be listed.
	 * @return the type
	 */
	ExporterType value();

}
