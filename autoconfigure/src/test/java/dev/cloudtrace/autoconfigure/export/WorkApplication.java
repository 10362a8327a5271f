package dev.cloudtrace.autoconfigure.export;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small application for end-to-end tests: every auto-configuration, and {@code GET /work}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WorkApplication.WorkController.class)
class WorkApplication {

	@RestController
	static class WorkController {

		@GetMapping("/work")
		String work() {
			return "done";
		}

	}

}
