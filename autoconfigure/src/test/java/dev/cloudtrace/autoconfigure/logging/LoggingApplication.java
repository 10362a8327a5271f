package dev.cloudtrace.autoconfigure.logging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An application that logs through SLF4J where a user's would: in a controller, in a
 * {@code @WithSpan} method, in an {@code @Async} method that runs after the response was
 * sent, and in a handler interceptor once the request completed. Every line names the
 * request ({@code <what> <id>}) and goes to the logger {@value #LOGGER}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableAsync
@Import({ LoggingApplication.LoggingController.class, LoggingApplication.Worker.class,
		LoggingApplication.AsyncWorker.class, LoggingApplication.CompletionLogging.class })
public class LoggingApplication {

	/**
	 * The logger of the application's lines.
	 */
	public static final String LOGGER = "com.example.shop";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private static final Map<String, CountDownLatch> responsesReceived = new ConcurrentHashMap<>();

	private static final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Sends a GET request to a running application.
	 * @param context the application
	 * @param path the path
	 * @param headers the request headers
	 * @return the response
	 * @throws Exception if the request fails
	 */
	public static HttpResponse<String> get(ConfigurableApplicationContext context, String path,
			Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + TestApplications.port(context) + path))
			.timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Lets the {@code @Async} work of a request log its line: the test calls it once the
	 * response has arrived.
	 * @param id the request's id
	 */
	public static void responseReceived(String id) {
		latch(id).countDown();
	}

	/**
	 * Logs a line from the caller's thread, outside any request.
	 * @param id what the line names
	 */
	public static void logOutsideRequest(String id) {
		logger.info("outside {}", id);
	}

	private static CountDownLatch latch(String id) {
		return responsesReceived.computeIfAbsent(id, (key) -> new CountDownLatch(1));
	}

	@RestController
	static class LoggingController {

		private final Worker worker;

		private final AsyncWorker asyncWorker;

		LoggingController(Worker worker, AsyncWorker asyncWorker) {
			this.worker = worker;
			this.asyncWorker = asyncWorker;
		}

		@GetMapping("/work/{id}")
		String work(@PathVariable String id) {
			MDC.put("tenant", "acme");
			try {
				logger.atInfo().addKeyValue("order", 42).log("controller {}", id);
				this.worker.work(id);
				this.asyncWorker.afterResponse(id);
				return "ok";
			}
			finally {
				MDC.remove("tenant");
			}
		}

		@GetMapping("/quick/{id}")
		String quick(@PathVariable String id) {
			logger.info("controller {}", id);
			this.worker.work(id);
			return "ok";
		}

		// An excluded path (cloudtrace.http.server.excluded-paths): no span.
		@GetMapping("/actuator/untraced/{id}")
		String untraced(@PathVariable String id) {
			logger.info("untraced {}", id);
			return "ok";
		}

		@GetMapping("/warn/{id}")
		String warn(@PathVariable String id) {
			logger.warn("warning {}", id);
			return "ok";
		}

		@GetMapping("/fail/{id}")
		String fail(@PathVariable String id) {
			logger.error("failure {}", id, new IllegalStateException("card declined " + id));
			return "ok";
		}

	}

	static class Worker {

		@WithSpan("work")
		public void work(String id) {
			logger.info("with-span {}", id);
		}

	}

	static class AsyncWorker {

		@Async
		public void afterResponse(String id) {
			try {
				if (latch(id).await(10, TimeUnit.SECONDS)) {
					logger.info("async {}", id);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	static class CompletionLogging implements WebMvcConfigurer {

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new HandlerInterceptor() {

				@Override
				public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
						Exception ex) {
					String path = request.getRequestURI();
					if (path.startsWith("/work/")) {
						logger.info("after-completion {}", path.substring("/work/".length()));
					}
				}

			});
		}

	}

}
