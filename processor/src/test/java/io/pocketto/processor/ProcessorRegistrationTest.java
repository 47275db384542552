package io.pocketto.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** How build tools find the processor: javac's service file, and Gradle's incremental-processing declaration. */
class ProcessorRegistrationTest {

  /** A resource from the processor's own output, not from some other jar on the test classpath. */
  private static String ownResource(String path) throws IOException, URISyntaxException {
    URI root = ModelProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    try (InputStream in = root.resolve(path).toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void serviceFileListsTheModelProcessor() throws Exception {
    List<String> lines = ownResource("META-INF/services/javax.annotation.processing.Processor").lines()
        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

    assertThat(lines).containsExactly("io.pocketto.processor.ModelProcessor");
  }

  @Test
  void javacDiscoversTheModelProcessorThroughTheServiceLoader() {
    List<Class<?>> processors = ServiceLoader.load(Processor.class, ModelProcessor.class.getClassLoader()).stream()
        .<Class<?>>map(ServiceLoader.Provider::type).toList();

    assertThat(processors).contains(ModelProcessor.class);
  }

  @Test
  void gradleTreatsTheProcessorAsIsolating() throws Exception {
    List<String> lines = ownResource("META-INF/gradle/incremental.annotation.processors").lines()
        .map(String::strip).filter(line -> !line.isEmpty()).toList();

    assertThat(lines).containsExactly("io.pocketto.processor.ModelProcessor,isolating");
  }

  @Test
  void processorHandlesOnlyModelAndRepository() {
    ModelProcessor processor = new ModelProcessor();

    assertThat(processor.getSupportedAnnotationTypes())
        .containsExactlyInAnyOrder("io.pocketto.Model", "io.pocketto.Repository");
    assertThat(processor.getSupportedOptions()).isEmpty();
  }
}
