package io.pocketto.spring.boot;

import io.pocketto.CrudRepository;
import io.pocketto.Database;
import io.pocketto.Repositories;
import io.pocketto.Repository;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for every {@link Repository} interface in the application's packages (those of its
 * {@code @SpringBootApplication} class and below), made by {@link Repositories#of} on the auto-configured
 * {@link Database}. The processor generated each implementation at compile time; this only finds them.
 */
class PockettoRepositoriesRegistrar
    implements ImportBeanDefinitionRegistrar, BeanFactoryAware, ResourceLoaderAware, EnvironmentAware {
  private BeanFactory beanFactory;
  private ResourceLoader resourceLoader;
  private Environment environment;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    this.resourceLoader = resourceLoader;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    if (!AutoConfigurationPackages.has(beanFactory)) {
      return;
    }
    List<String> packages = AutoConfigurationPackages.get(beanFactory);
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false, environment) {
      @Override
      protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
        return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
      }
    };
    scanner.setResourceLoader(resourceLoader);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Repository.class, true, true));
    for (String basePackage : packages) {
      for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
        Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), resourceLoader.getClassLoader());
        String name = beanName(type);
        if (!registry.containsBeanDefinition(name)) {
          registry.registerBeanDefinition(name, definition(asRepository(type)));
        }
      }
    }
  }

  /** The interface as a repository type; the processor has already refused one that extends no {@link CrudRepository}. */
  @SuppressWarnings("unchecked")
  private static <R extends CrudRepository<?>> Class<R> asRepository(Class<?> type) {
    if (!CrudRepository.class.isAssignableFrom(type)) {
      throw new IllegalStateException("@Repository " + type.getName() + " must extend io.pocketto.CrudRepository");
    }
    return (Class<R>) type;
  }

  private <R extends CrudRepository<?>> RootBeanDefinition definition(Class<R> type) {
    RootBeanDefinition definition = new RootBeanDefinition(type, () -> Repositories.of(type, beanFactory.getBean(Database.class)));
    // Made on first use, after the Database bean, whose creation may create tables.
    definition.setLazyInit(true);
    return definition;
  }

  private static String beanName(Class<?> type) {
    String simple = type.getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }
}
