package dev.cloudtrace.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestTemplate;

/**
 * The application of the load benchmark, the same in every variant: {@code /front} calls
 * {@code /back} of the same process with a {@link RestTemplate}, and {@code /back} runs
 * one annotated method. In the two-service shape the same application runs twice, as
 * {@link ServiceAController service A} and {@link ServiceBController service B}.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

	// A bean built by Spring Boot's builder: every tracing library under test instruments
	// this one, whether through builder customizers or a bean post-processor.
	@Bean
	RestTemplate restTemplate(RestTemplateBuilder builder) {
		return builder.build();
	}

}
