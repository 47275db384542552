package io.pocketto.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates an active record for every {@code @Model} class, and an implementation for every
 * {@code @Repository} interface. Each model is validated first and
 * generated only when clean; a problem with one model is reported on its element and does not stop
 * the others, so a user sees every error at once. A model whose field types are not generated yet
 * is deferred to the next round. Nothing ever escapes into javac, and the annotation is not claimed.
 *
 * <p>A repository names the generated model class ({@code CrudRepository<SalesInvoice>}), which does
 * not exist in the round that generates it; the repository is deferred until a later round sees it.
 */
@AutoService(Processor.class)
public final class ModelProcessor extends AbstractProcessor {
  private Step<ModelDescriptor> models;
  private Step<RepositoryDescriptor> repositories;

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    ModelValidator validator = new ModelValidator(processingEnv);
    RepositoryValidator repositoryValidator = new RepositoryValidator(processingEnv, validator);
    models = new Step<>(ModelValidator.MODEL_ANNOTATION, Message.MODEL_NOT_A_CLASS, validator::validate,
        new RecordGenerator(), (type, report) -> report.printUnresolvedTo(processingEnv.getMessager()));
    repositories = new Step<>(RepositoryValidator.REPOSITORY_ANNOTATION, Message.REPOSITORY_NOT_INTERFACE,
        repositoryValidator::validate, new RepositoryGenerator(), (type, report) -> processingEnv.getMessager()
            .printMessage(Diagnostic.Kind.ERROR, Message.REPOSITORY_UNRESOLVED.format(type.getSimpleName(),
                type.getInterfaces()), type));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ModelValidator.MODEL_ANNOTATION, RepositoryValidator.REPOSITORY_ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    models.run(round);
    // After the models: a repository needs its model's generated class, so it waits for that round.
    repositories.run(round);
    return false;
  }

  /** What a step checks one annotated type with: a descriptor when the report stays clean. */
  private interface Validator<D> {
    D validate(TypeElement type, Report report);
  }

  /**
   * One annotation's processing, the same loop for models and repositories: take the types deferred
   * from the last round and the newly annotated ones, validate each, defer one that waits for a type
   * not generated yet, and generate the clean ones. A problem with one type is reported on it and
   * leaves the others alone.
   */
  private final class Step<D> {
    private final String annotation;
    private final Message notAType;
    private final Validator<D> validator;
    private final SourceFileGenerator<D> generator;
    /** Reports a type still waiting for another type in the last round. */
    private final BiConsumer<TypeElement, Report> unresolved;
    /** Types waiting for a type that a later round generates, by name. */
    private final Set<String> deferred = new LinkedHashSet<>();

    Step(String annotation, Message notAType, Validator<D> validator, SourceFileGenerator<D> generator,
        BiConsumer<TypeElement, Report> unresolved) {
      this.annotation = annotation;
      this.notAType = notAType;
      this.validator = validator;
      this.generator = generator;
      this.unresolved = unresolved;
    }

    void run(RoundEnvironment round) {
      for (TypeElement type : pending(round)) {
        processOne(type, round.processingOver());
      }
    }

    /**
     * The types to process this round: those deferred by name from the last round (emptying the
     * list), then the new ones carrying the annotation. An annotated element that is not a type is
     * reported with {@code notAType}.
     */
    private Set<TypeElement> pending(RoundEnvironment round) {
      Set<TypeElement> todo = new LinkedHashSet<>();
      for (String name : deferred) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
        if (type != null) {
          todo.add(type);
        }
      }
      deferred.clear();
      TypeElement annotationType = processingEnv.getElementUtils().getTypeElement(annotation);
      if (annotationType != null) {
        for (Element element : round.getElementsAnnotatedWith(annotationType)) {
          if (element instanceof TypeElement type) {
            todo.add(type);
          } else {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                notAType.format(element.getKind().toString().toLowerCase()), element);
          }
        }
      }
      return todo;
    }

    private void processOne(TypeElement type, boolean lastRound) {
      try {
        Report report = new Report();
        D descriptor = validator.validate(type, report);
        if (report.isDeferred() && report.isClean() && !lastRound) {
          deferred.add(type.getQualifiedName().toString());
          return;
        }
        report.printTo(processingEnv.getMessager());
        if (report.isDeferred() && report.isClean()) {
          unresolved.accept(type, report);
          return;
        }
        if (descriptor != null) {
          write(type, descriptor);
        }
      } catch (IOException | RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.INTERNAL_ERROR.format(type.getQualifiedName(), trace), type);
      }
    }

    private void write(TypeElement type, D descriptor) throws IOException {
      try {
        generator.generate(descriptor).writeTo(processingEnv.getFiler());
      } catch (FilerException e) {
        // Almost always a hand-written type with the generated name: the user's error, not ours.
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.GENERATED_TYPE_EXISTS.format(generator.className(descriptor).canonicalName(), e.getMessage()), type);
      }
    }
  }
}
