package dev.cloudtrace.autoconfigure.jdbc.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose database access goes through Hibernate (Spring Data JPA), with the
 * starter on the class path.
 */
@SpringBootApplication
public class OrderApplication {

}
