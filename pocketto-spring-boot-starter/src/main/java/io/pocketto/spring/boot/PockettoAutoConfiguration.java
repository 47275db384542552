package io.pocketto.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A Pocketto {@link Database} on the application's {@code DataSource}, joining its Spring transactions
 * ({@link SpringTransactionJoiner}), set as the default database of the generated static methods; a bean
 * per {@code @Repository} interface; a 409 answer for conflicts in Spring MVC; Pocketto's meters in the
 * application's Micrometer registry; and an Actuator health indicator when Actuator is there. Backs off when the application defines its own {@code Database}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@ConditionalOnClass(Database.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PockettoProperties.class)
@Import(PockettoRepositoriesRegistrar.class)
public class PockettoAutoConfiguration {

  /**
   * The database, borrowing the application's pool: closing it (when the context closes) leaves the pool
   * open for Spring to close.
   */
  @Bean
  @ConditionalOnMissingBean
  public Database pockettoDatabase(DataSource dataSource, PockettoProperties properties,
      ObjectProvider<PockettoCustomizer> customizers) {
    Pocketto.Builder builder = Pocketto.builder()
        .dataSource(dataSource)
        .transactionJoiner(new SpringTransactionJoiner())
        .createTables(properties.createTables())
        .retryPolicy(properties.retry().toPolicy());
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    Database database = builder.connect();
    if (properties.writer() != null) {
      database.setWriter(properties.writer());
    }
    Pocketto.setDefault(database);
    return database;
  }

  /** The 409 answer for {@code ConflictException} in Spring MVC. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
  static class WebMvc {
    @Bean
    @ConditionalOnMissingBean
    PockettoExceptionHandler pockettoExceptionHandler() {
      return new PockettoExceptionHandler();
    }
  }

  /** Pocketto's meters in the application's Micrometer registry, when there is one. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    PockettoCustomizer pockettoMetrics(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifAvailable(builder::meterRegistry);
    }
  }

  /** Actuator's {@code pocketto} health indicator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "pockettoHealthIndicator")
    PockettoHealthIndicator pockettoHealthIndicator(Database database) {
      return new PockettoHealthIndicator(database);
    }
  }
}
