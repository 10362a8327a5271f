package com.example.compat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A user's Spring MVC application with the starter: {@code /front} calls {@code /back} over
 * HTTP, and {@code /back} runs an annotated method.
 */
@SpringBootApplication
public class CompatApplication {

	public static void main(String[] args) {
		SpringApplication.run(CompatApplication.class, args);
	}

}
