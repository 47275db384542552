package io.pocketto.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of the contract between the code the Pocketto processor generates and the runtime: the only types
 * of this package that generated classes name. Like {@code dagger.internal} or Micronaut's {@code @Internal}, it is
 * public because generated code in the application's packages must reach it, and it is <b>not API</b>: applications
 * must not call it, and it may change in any release, together with the processor that generates its callers.
 * {@code GeneratedCodeContractTest} (integration tests) checks that generated classes name no other type of this
 * package, and that every type so marked is one they name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ForGeneratedCode {}
