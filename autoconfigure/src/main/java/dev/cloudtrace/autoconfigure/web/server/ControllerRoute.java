package dev.cloudtrace.autoconfigure.web.server;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Sets {@code http.route} of the server span from the pattern of the controller method that
 * Spring MVC dispatched the request to.
 * <p>
 * Spring MVC leaves the matched pattern in a request attribute, so reading it costs no
 * second lookup (OpenTelemetry's Spring MVC library asks the handler mappings to match the
 * request again, about a sixth of the server span's cost in this starter's JMH benchmark).
 * Only a match of an annotated controller method counts, as in that library: a request
 * that only resource handling matched ({@code /**}, a 404 included) gets no route.
 */
final class ControllerRoute {

	private ControllerRoute() {
	}

	/**
	 * Sets the route of the server span in the given context, if Spring MVC matched the
	 * request to a controller method.
	 * @param context the context of the server span
	 * @param request the request, after its dispatch
	 */
	static void update(Context context, HttpServletRequest request) {
		if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod)) {
			return;
		}
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
				&& !pattern.isEmpty()) {
			HttpServerRoute.update(context, HttpServerRouteSource.CONTROLLER, withContextPath(request, pattern));
		}
	}

	private static String withContextPath(HttpServletRequest request, String pattern) {
		String contextPath = request.getContextPath();
		if (contextPath == null || contextPath.isEmpty()) {
			return pattern;
		}
		return contextPath + (pattern.startsWith("/") ? pattern : "/" + pattern);
	}

}
