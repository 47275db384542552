package io.pocketto.spring.boot;

import io.pocketto.Pocketto;

/**
 * Adjusts the starter's database before it opens: declare a bean of this type to set what the {@code
 * pocketto.*} properties do not cover, e.g. {@code builder -> builder.retryPolicy(myPolicy)}.
 */
@FunctionalInterface
public interface PockettoCustomizer {
  /** Changes {@code builder}, which already holds the application's DataSource and the properties. */
  void customize(Pocketto.Builder builder);
}
