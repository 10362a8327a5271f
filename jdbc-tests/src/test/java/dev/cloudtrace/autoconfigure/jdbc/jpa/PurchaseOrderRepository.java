package dev.cloudtrace.autoconfigure.jdbc.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data JPA repository of {@link PurchaseOrder orders}.
 */
public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

	List<PurchaseOrder> findByCustomer(String customer);

}
