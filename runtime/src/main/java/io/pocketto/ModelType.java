package io.pocketto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A model class as the runtime knows it. Every generated record class holds exactly one, its {@code BINDING}
 * constant, and returns it from {@link ActiveRecord#modelBinding()}; an application passes it where the API asks
 * for a model ({@code database.store(SalesInvoice.BINDING)}, {@code database.schemaStatements(...)}) and
 * never implements it: the runtime accepts only the types the Pocketto processor generated.
 *
 * <p>The record methods below are what {@link ActiveRecord}'s instance methods call, each documented there. A
 * write or a reload goes to the record's {@link #store(ActiveRecord) store}, whose methods do it; the rest (the id,
 * {@code _meta}, dirty tracking, JSON, the lock) are here, so that the API reaches the engine through its
 * interfaces, not through the engine's classes.
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

  /**
   * The store a record's writes and reloads go through: that of the database the record was loaded from or saved
   * to, else the {@linkplain Pocketto#defaultDatabase() default database}'s. {@code invoice.save()} is
   * {@code invoice.modelBinding().store(invoice).save(invoice)}.
   *
   * @throws IllegalStateException if the record is new and no default database is open
   */
  ModelStore<T> store(T record);

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
   * The declared name of the persisted field at {@code index} of the model's field list, the position generated
   * property constants are made with ({@code new StringProperty<>(BINDING, 0)}).
   *
   * @throws IndexOutOfBoundsException if the model has no field at {@code index}
   */
  String fieldName(int index);

  /**
   * Which {@link io.pocketto.query.Property} class describes the persisted field at {@code index}: what a query can
   * ask of a field of its type.
   *
   * @throws IndexOutOfBoundsException if the model has no field at {@code index}
   */
  io.pocketto.query.Property.Kind propertyKind(int index);

  /**
   * The record the JSON object at the parser's current token (or its next one) describes, read as the generated
   * {@code fromJson} reads it; what {@link PockettoModule} reads a record with.
   *
   * @throws InvalidDocumentException naming the offending key
   */
  T fromJson(JsonParser parser);
}
