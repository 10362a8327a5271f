package dev.cloudtrace.benchmarks.jmh;

import java.util.Map;

import dev.cloudtrace.autoconfigure.CloudTraceDisabledAutoConfiguration;
import dev.cloudtrace.autoconfigure.annotation.AnnotationTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.export.CloudTraceExportAutoConfiguration;
import dev.cloudtrace.autoconfigure.gcp.GoogleCloudAutoConfiguration;
import dev.cloudtrace.autoconfigure.logging.LogCorrelationAutoConfiguration;
import dev.cloudtrace.autoconfigure.propagation.CloudTracePropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.sdk.CloudTraceSdkAutoConfiguration;
import dev.cloudtrace.autoconfigure.task.TaskContextPropagationAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.server.HttpServerTracingAutoConfiguration;
import dev.cloudtrace.autoconfigure.web.client.HttpClientTracingAutoConfiguration;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The starter's beans, made by its own auto-configurations in a Spring MVC application
 * context (without a server): the SDK with its defaults (every trace sampled, a batch span
 * processor) exporting to an exporter that discards the spans, the server filter, the client
 * interceptors and the {@code @WithSpan} post-processor. A {@link DispatcherServlet} with one
 * controller serves the requests of the server benchmarks, as in the load benchmark's
 * {@code /back}.
 */
@State(Scope.Benchmark)
public class Starter {

	AnnotationConfigWebApplicationContext context;

	MockServletContext servletContext;

	DispatcherServlet dispatcherServlet;

	Filter serverFilter;

	@Setup(Level.Trial)
	public void start() throws ServletException {
		start(false);
	}

	/**
	 * Starts the starter's beans.
	 * @param logCorrelation whether to add the auto-configuration of trace ids in the logging
	 * MDC, which the other benchmarks leave out
	 * @throws ServletException if the dispatcher servlet fails to start
	 */
	void start(boolean logCorrelation) throws ServletException {
		this.servletContext = new MockServletContext();
		this.context = new AnnotationConfigWebApplicationContext();
		this.context.setServletContext(this.servletContext);
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark",
					Map.of("spring.application.name", "bench", "cloudtrace.exporter.type", "none",
							"cloudtrace.resource.detect-gcp", "false")));
		this.context.register(StarterConfiguration.class);
		if (logCorrelation) {
			this.context.register(LogCorrelationConfiguration.class);
		}
		this.context.refresh();
		this.servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
		this.dispatcherServlet = this.context.getBean(DispatcherServlet.class);
		this.dispatcherServlet.init(new MockServletConfig(this.servletContext));
		@SuppressWarnings("unchecked")
		FilterRegistrationBean<Filter> registration = this.context.getBean("cloudTraceHttpServerTracingFilter",
				FilterRegistrationBean.class);
		this.serverFilter = registration.getFilter();
		this.serverFilter.init(new MockFilterConfig(this.servletContext));
		// As when a server starts: the filter, initialised before the context's refresh event,
		// finds the handler mappings that give http.route on that event.
		this.context.publishEvent(new ContextRefreshedEvent(this.context));
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.serverFilter.destroy();
		this.dispatcherServlet.destroy();
		this.context.close();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * The application: the starter's auto-configurations, Spring MVC, and one controller.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@ImportAutoConfiguration({ CloudTraceDisabledAutoConfiguration.class, GoogleCloudAutoConfiguration.class,
			CloudTracePropagationAutoConfiguration.class, CloudTraceExportAutoConfiguration.class,
			CloudTraceSdkAutoConfiguration.class, AnnotationTracingAutoConfiguration.class,
			TaskContextPropagationAutoConfiguration.class, HttpServerTracingAutoConfiguration.class,
			HttpClientTracingAutoConfiguration.class })
	static class StarterConfiguration {

		@Bean
		DispatcherServlet dispatcherServlet(WebApplicationContext context) {
			return new DispatcherServlet(context);
		}

		// Wrapped in its own batch span processor, with the starter's batch settings.
		@Bean
		SpanExporter discardingSpanExporter() {
			return new Tracing.DiscardingSpanExporter();
		}

		@Bean
		BackController backController() {
			return new BackController();
		}

	}

	/**
	 * Trace ids in the logging MDC, as the starter configures them by default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(LogCorrelationAutoConfiguration.class)
	static class LogCorrelationConfiguration {

	}

	/**
	 * The endpoints of the load benchmark's application, without their work.
	 */
	@RestController
	static class BackController {

		@GetMapping("/front")
		String front() {
			return "ok";
		}

		@GetMapping("/back")
		String back() {
			return "ok";
		}

	}

}
