package io.pocketto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A model class as the runtime knows it. Every generated record class holds exactly one, its {@code BINDING}
 * constant, and returns it from {@link ActiveRecord#modelBinding()}; an application passes it where the API asks
 * for a model ({@code database.store(SalesInvoice.BINDING)}, {@code database.schemaStatements(...)}) and
 * never implements it: the runtime accepts only the types the Pocketto processor generated.
 *
 * <p>The record methods below are what {@link ActiveRecord}'s instance methods call, each documented there;
 * {@code invoice.save()} is {@code invoice.modelBinding().save(invoice)}. They are here so that the API reaches
 * the engine through one interface, not through the engine's classes.
 *
 * @param <T> the generated record class
 */
public interface ModelType<T extends ActiveRecord<T>> {

  /** The generated record class. */
  Class<T> type();

  /** The name of the collection (table) that stores the model. */
  String collection();

  /** See {@link ActiveRecord#getId()}. */
  String id(T record);

  /** See {@link ActiveRecord#setId(String)}. */
  void setId(T record, String id);

  /** See {@link ActiveRecord#meta()}. */
  Meta meta(T record);

  /** See {@link ActiveRecord#save()}. */
  T save(T record);

  /** See {@link ActiveRecord#saveTo(Database)}. */
  T saveTo(T record, Database database);

  /** See {@link ActiveRecord#save(ConflictHandler)}. */
  T save(T record, ConflictHandler<? super T> handler);

  /** See {@link ActiveRecord#saveResolving()}. */
  T saveResolving(T record);

  /** See {@link ActiveRecord#delete()}. */
  void delete(T record);

  /** See {@link ActiveRecord#recreate()}. */
  T recreate(T record);

  /** See {@link ActiveRecord#reload()}. */
  T reload(T record);

  /** See {@link ActiveRecord#incrementalModify(Consumer)}. */
  T incrementalModify(T record, Consumer<? super T> mutation);

  /** See {@link ActiveRecord#incrementalModify(Consumer, RetryPolicy)}. */
  T incrementalModify(T record, Consumer<? super T> mutation, RetryPolicy policy);

  /** See {@link ActiveRecord#incrementalPatch(Map)}. */
  T incrementalPatch(T record, Map<String, ?> changes);

  /** See {@link ActiveRecord#lock(Duration)}. */
  Lock lock(T record, Duration lease);

  /** See {@link ActiveRecord#isDirty()}. */
  boolean isDirty(T record);

  /** See {@link ActiveRecord#isDirty(String)}. */
  boolean isDirty(T record, String field);

  /** Whether two records hold the same value in every persisted field; see {@link ConflictHandler#isEqual}. */
  boolean sameFields(T a, T b);

  /** See {@link ActiveRecord#toJson()}. */
  String toJson(T record);

  /** See {@link ActiveRecord#toJsonNode()}. */
  ObjectNode toJsonNode(T record);

  /**
   * The record the JSON object at the parser's current token (or its next one) describes, read as the generated
   * {@code fromJson} reads it; what {@link PockettoModule} reads a record with.
   *
   * @throws InvalidDocumentException naming the offending key
   */
  T fromJson(JsonParser parser);
}
