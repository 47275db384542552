import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The floor for any processor that generates a class per model: for each {@code @Model} it writes an
 * empty subclass through the {@code Filer} and nothing else (no validation, no JavaPoet, no API).
 * {@code processor-speed.sh} times javac with it to show how much of Pocketto's cost is javac's own
 * price for generated sources: a second round that re-enters every tree, the Filer's checks, and the
 * extra classes to compile.
 */
@SupportedAnnotationTypes("io.pocketto.Model")
public final class FloorProcessor extends AbstractProcessor {
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        TypeElement model = (TypeElement) element;
        String pkg = processingEnv.getElementUtils().getPackageOf(model).getQualifiedName().toString();
        String name = model.getSimpleName().toString().replaceFirst("Model$", "");
        try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + name, model).openWriter()) {
          out.write("package " + pkg + ";\n\npublic final class " + name + " extends " + model.getSimpleName() + " {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return false;
  }
}
