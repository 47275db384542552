package io.pocketto.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * What to generate for one valid model: plain data, built by {@link ModelValidator} and read by
 * {@link RecordGenerator}.
 *
 * @param element the {@code @Model} class
 * @param modelClass the model class's name
 * @param generatedClass the generated class's name
 * @param collection the table name
 * @param fields the persisted fields in declaration order
 * @param generateToString false when the model declares its own {@code toString()}
 * @param conflictHandler the handler class {@code @Model(conflictHandler)} names, or {@code null}
 * @param indexes the declared indexes, each a list of field names in index order
 */
record ModelDescriptor(
    TypeElement element,
    ClassName modelClass,
    ClassName generatedClass,
    String collection,
    List<PersistedField> fields,
    boolean generateToString,
    ClassName conflictHandler,
    List<List<String>> indexes) {}
