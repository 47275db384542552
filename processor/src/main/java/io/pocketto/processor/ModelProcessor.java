package io.pocketto.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  /** In the order they run each round. */
  private List<Step<?>> steps;
  /** Per step (by annotation), the types waiting for a type that a later round generates, by name. */
  private final Map<String, Set<String>> deferred = new HashMap<>();

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    ModelValidator validator = new ModelValidator(processingEnv);
    RepositoryValidator repositoryValidator = new RepositoryValidator(processingEnv, validator);
    Step<ModelDescriptor> models = new Step<>(ModelValidator.MODEL_ANNOTATION, Message.MODEL_NOT_A_CLASS,
        validator::validate, new RecordGenerator(), (type, report) -> report.printUnresolvedTo(processingEnv.getMessager()));
    Step<RepositoryDescriptor> repositories = new Step<>(RepositoryValidator.REPOSITORY_ANNOTATION,
        Message.REPOSITORY_NOT_INTERFACE, repositoryValidator::validate, new RepositoryGenerator(),
        (type, report) -> processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.REPOSITORY_UNRESOLVED.format(type.getSimpleName(), type.getInterfaces()), type));
    // Models first: a repository needs its model's generated class, so it waits for that round.
    steps = List.of(models, repositories);
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
    for (Step<?> step : steps) {
      run(step, round);
    }
    return false;
  }

  /** What a step checks one annotated type with: a descriptor when the report stays clean. */
  private interface Validator<D> {
    D validate(TypeElement type, Report report);
  }

  /**
   * What differs between the processing of models and of repositories; the loop that runs a step is the
   * same for both ({@link #run}).
   *
   * @param annotation the annotation's qualified name
   * @param notAType the error for an annotated element that is not a type
   * @param validator checks one annotated type
   * @param generator writes the file of a clean one
   * @param unresolved reports a type still waiting for another type in the last round
   */
  private record Step<D>(String annotation, Message notAType, Validator<D> validator, SourceFileGenerator<D> generator,
      BiConsumer<TypeElement, Report> unresolved) {}

  /**
   * One step's round: take the types deferred from the last round and the newly annotated ones, validate
   * each, defer one that waits for a type not generated yet, and generate the clean ones. A problem with
   * one type is reported on it and leaves the others alone.
   */
  private <D> void run(Step<D> step, RoundEnvironment round) {
    for (TypeElement type : pending(step, round)) {
      processOne(step, type, round.processingOver());
    }
  }

  /**
   * The types to process this round: those deferred by name from the last round (emptying the list),
   * then the new ones carrying the annotation. An annotated element that is not a type is reported with
   * the step's {@code notAType}.
   */
  private Set<TypeElement> pending(Step<?> step, RoundEnvironment round) {
    Set<TypeElement> todo = new LinkedHashSet<>();
    Set<String> waiting = waiting(step);
    for (String name : waiting) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        todo.add(type);
      }
    }
    waiting.clear();
    TypeElement annotationType = processingEnv.getElementUtils().getTypeElement(step.annotation());
    if (annotationType != null) {
      for (Element element : round.getElementsAnnotatedWith(annotationType)) {
        if (element instanceof TypeElement type) {
          todo.add(type);
        } else {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              step.notAType().format(element.getKind().toString().toLowerCase()), element);
        }
      }
    }
    return todo;
  }

  private Set<String> waiting(Step<?> step) {
    return deferred.computeIfAbsent(step.annotation(), annotation -> new LinkedHashSet<>());
  }

  private <D> void processOne(Step<D> step, TypeElement type, boolean lastRound) {
    try {
      Report report = new Report();
      D descriptor = step.validator().validate(type, report);
      if (report.isDeferred() && report.isClean() && !lastRound) {
        waiting(step).add(type.getQualifiedName().toString());
        return;
      }
      report.printTo(processingEnv.getMessager());
      if (report.isDeferred() && report.isClean()) {
        step.unresolved().accept(type, report);
        return;
      }
      if (descriptor != null) {
        write(step.generator(), type, descriptor);
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format(type.getQualifiedName(), trace), type);
    }
  }

  private <D> void write(SourceFileGenerator<D> generator, TypeElement type, D descriptor) throws IOException {
    try {
      generator.generate(descriptor).writeTo(processingEnv.getFiler());
    } catch (FilerException e) {
      // Almost always a hand-written type with the generated name: the user's error, not ours.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.GENERATED_TYPE_EXISTS.format(generator.className(descriptor).canonicalName(), e.getMessage()), type);
    }
  }
}
