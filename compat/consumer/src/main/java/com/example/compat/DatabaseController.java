package com.example.compat;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One JdbcTemplate query on the application's data source.
 */
@RestController
class DatabaseController {

	private final JdbcTemplate jdbc;

	DatabaseController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping(path = "/database", produces = "text/plain")
	String database() {
		return String.valueOf(this.jdbc.queryForObject("select 42 where 'a' = 'a'", Integer.class));
	}

}
