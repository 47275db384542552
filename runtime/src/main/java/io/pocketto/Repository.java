package io.pocketto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface extending {@link CrudRepository} whose query methods Pocketto implements at
 * compile time, e.g. {@code List<SalesInvoice> findByCustomerOrderByIssuedOnDesc(String customer)}.
 * Every method name is parsed and turned into one SQL statement by the processor; a method it cannot
 * implement is a compile error on that method. Obtain the implementation with
 * {@link Repositories#of(Class, Database)}, or, with the Spring Boot starter, inject it.
 */
@Documented
// Kept at run time so that class-path scanners (the Spring Boot starter's) can find repositories.
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Repository {}
