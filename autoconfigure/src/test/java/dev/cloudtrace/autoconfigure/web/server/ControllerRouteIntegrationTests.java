package dev.cloudtrace.autoconfigure.web.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cloudtrace.autoconfigure.web.RecordedSpans;
import dev.cloudtrace.autoconfigure.web.TestApplications;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ControllerRoute}: the route of the server span comes from the match
 * Spring MVC made when it dispatched the request, over real HTTP, under a context path.
 */
class ControllerRouteIntegrationTests {

	private static final RecordedSpans spans = new RecordedSpans();

	private static final List<String> handlerLookups = new CopyOnWriteArrayList<>();

	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private static ConfigurableApplicationContext context;

	private static String baseUrl;

	@BeforeAll
	static void start() {
		context = TestApplications.start("routed-server", RoutedApplication.class, "server.servlet.context-path=/app");
		baseUrl = "http://127.0.0.1:" + TestApplications.port(context) + "/app";
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@BeforeEach
	void clear() {
		spans.clear();
		handlerLookups.clear();
	}

	@Test
	void takesRouteFromSpringMvcMatchWithoutLookingHandlerUpAgain() throws Exception {
		assertThat(get("/items/7").statusCode()).isEqualTo(200);
		SpanData span = spans.awaitServer("GET /app/items/{id}");
		assertThat(span.getAttributes().get(HTTP_ROUTE)).isEqualTo("/app/items/{id}");
		assertThat(handlerLookups).containsExactly("/app/items/7");
	}

	@Test
	void givesNoRouteToRequestThatNoControllerMatched() throws Exception {
		assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
		SpanData span = spans.awaitServer("GET");
		assertThat(span.getAttributes().get(HTTP_ROUTE)).isNull();
	}

	private static HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ItemController.class)
	static class RoutedApplication {

		@Bean
		SpanProcessor recordingSpanProcessor() {
			return spans.processor();
		}

		@Bean
		WebMvcRegistrations countingHandlerMapping() {
			return new WebMvcRegistrations() {

				@Override
				public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
					return new CountingHandlerMapping();
				}

			};
		}

	}

	static class CountingHandlerMapping extends RequestMappingHandlerMapping {

		@Override
		protected HandlerExecutionChain getHandlerExecutionChain(Object handler, HttpServletRequest request) {
			handlerLookups.add(request.getRequestURI());
			return super.getHandlerExecutionChain(handler, request);
		}

	}

	@RestController
	static class ItemController {

		@GetMapping("/items/{id}")
		String item(@PathVariable String id) {
			return "item " + id;
		}

	}

}
