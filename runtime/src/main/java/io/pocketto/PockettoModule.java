package io.pocketto;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Lets an application's {@code ObjectMapper} read and write generated records:
 * {@code mapper.registerModule(new PockettoModule())}. A record is then written as its {@code toJson()}
 * and read as its generated {@code fromJson} reads it, with its id, revision and dirty state, so
 * {@code mapper.readValue(invoice.toJson(), SalesInvoice.class)} gives back an equal record that saves
 * as an update against the revision it names.
 *
 * <p>Values are read strictly, whatever the mapper is configured to do; a document that does not fit
 * the model fails with a {@link JsonMappingException} whose cause is the {@link InvalidDocumentException}
 * naming the offending key.
 */
public final class PockettoModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** The module; stateless, so one instance may serve any number of mappers. */
  public PockettoModule() {
    super("pocketto");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addSerializers(new Serializers.Base() {
      @Override
      public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        return modelOf(type.getRawClass()) == null ? null : new RecordSerializer();
      }
    });
    context.addDeserializers(new Deserializers.Base() {
      @Override
      public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
          BeanDescription beanDesc) {
        ModelType<?> model = modelOf(type.getRawClass());
        return model == null ? null : new RecordDeserializer<>(model);
      }
    });
  }

  /**
   * The model of a generated record class, its {@code BINDING} (reading it initialises the class); {@code null} for
   * any other class. Jackson asks once per type and caches the serializer or deserializer made from the answer, so
   * this reflection runs once per class, never per value.
   */
  static ModelType<?> modelOf(Class<?> type) {
    if (!ActiveRecord.class.isAssignableFrom(type)) {
      return null;
    }
    try {
      Field binding = type.getField("BINDING");
      if (Modifier.isStatic(binding.getModifiers()) && binding.get(null) instanceof ModelType<?> model
          && model.type() == type) {
        return model;
      }
      return null;
    } catch (NoSuchFieldException | IllegalAccessException e) {
      return null;
    }
  }

  /** Writes a record as its {@code toJson()}. */
  private static final class RecordSerializer extends JsonSerializer<ActiveRecord<?>> {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void serialize(ActiveRecord<?> record, JsonGenerator g, SerializerProvider provider) throws IOException {
      g.writeTree(((ActiveRecord) record).toJsonNode());
    }
  }

  /** Reads a record as its generated {@code fromJson} does. */
  private static final class RecordDeserializer<T extends ActiveRecord<T>> extends JsonDeserializer<T> {
    private final ModelType<T> model;

    @SuppressWarnings("unchecked")
    RecordDeserializer(ModelType<?> model) {
      this.model = (ModelType<T>) model;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return model.fromJson(p);
      } catch (InvalidDocumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
