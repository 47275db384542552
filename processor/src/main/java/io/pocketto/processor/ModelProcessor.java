package io.pocketto.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
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
  /** Models waiting for types that another processor generates in a later round, by name. */
  private final Set<String> deferred = new LinkedHashSet<>();
  private ModelValidator validator;
  private final RecordGenerator generator = new RecordGenerator();
  /** Repositories waiting for their model's generated class, by name. */
  private final Set<String> deferredRepositories = new LinkedHashSet<>();
  private RepositoryValidator repositoryValidator;
  private final RepositoryGenerator repositoryGenerator = new RepositoryGenerator();

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    validator = new ModelValidator(processingEnv);
    repositoryValidator = new RepositoryValidator(processingEnv, validator);
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
    Set<TypeElement> todo = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        todo.add(type);
      }
    }
    deferred.clear();
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ModelValidator.MODEL_ANNOTATION);
    if (annotation != null) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element instanceof TypeElement type) {
          todo.add(type);
        } else {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.MODEL_NOT_A_CLASS.format(element.getKind().toString().toLowerCase()), element);
        }
      }
    }
    for (TypeElement type : todo) {
      processOne(type, round.processingOver());
    }
    processRepositories(round);
    return false;
  }

  private void processRepositories(RoundEnvironment round) {
    Set<TypeElement> todo = new LinkedHashSet<>();
    for (String name : deferredRepositories) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        todo.add(type);
      }
    }
    deferredRepositories.clear();
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(RepositoryValidator.REPOSITORY_ANNOTATION);
    if (annotation != null) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element instanceof TypeElement type) {
          todo.add(type);
        } else {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.REPOSITORY_NOT_INTERFACE.format(element.getKind().toString().toLowerCase()), element);
        }
      }
    }
    for (TypeElement type : todo) {
      processRepository(type, round.processingOver());
    }
  }

  private void processRepository(TypeElement type, boolean lastRound) {
    try {
      Report report = new Report();
      RepositoryDescriptor repository = repositoryValidator.validate(type, report);
      if (report.isDeferred() && report.isClean() && !lastRound) {
        deferredRepositories.add(type.getQualifiedName().toString());
        return;
      }
      report.printTo(processingEnv.getMessager());
      if (report.isDeferred() && report.isClean()) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.REPOSITORY_UNRESOLVED.format(type.getSimpleName(), type.getInterfaces()), type);
        return;
      }
      if (repository != null) {
        repositoryGenerator.generate(repository).writeTo(processingEnv.getFiler());
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format(type.getQualifiedName(), trace), type);
    }
  }

  private void processOne(TypeElement type, boolean lastRound) {
    try {
      Report report = new Report();
      ModelDescriptor model = validator.validate(type, report);
      if (report.isDeferred() && report.isClean() && !lastRound) {
        deferred.add(type.getQualifiedName().toString());
        return;
      }
      report.printTo(processingEnv.getMessager());
      if (report.isDeferred() && report.isClean()) {
        report.printUnresolvedTo(processingEnv.getMessager());
        return;
      }
      if (model != null) {
        write(model);
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL_ERROR.format(type.getQualifiedName(), trace), type);
    }
  }

  private void write(ModelDescriptor model) throws IOException {
    try {
      generator.generate(model).writeTo(processingEnv.getFiler());
    } catch (FilerException e) {
      // Almost always a hand-written type with the generated name: the user's error, not ours.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.GENERATED_TYPE_EXISTS.format(model.generatedClass().canonicalName(), e.getMessage()), model.element());
    }
  }
}
