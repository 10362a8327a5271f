package dev.cloudtrace.autoconfigure.jdbc.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with a database, as a user writes it: Spring MVC, JdbcTemplate and a
 * Spring Data JDBC repository, with the starter on the class path.
 */
@SpringBootApplication
public class ShopApplication {

}
