package io.pocketto.bench.variant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pocketto.bench.model.InvoiceLine;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Stores Hibernate's line items as JSON text, the same text Pocketto stores. */
@Converter
public final class InvoiceLinesConverter implements AttributeConverter<List<InvoiceLine>, String> {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
  private static final ObjectWriter WRITER = MAPPER.writerFor(new TypeReference<List<InvoiceLine>>() {});
  private static final ObjectReader READER = MAPPER.readerFor(new TypeReference<List<InvoiceLine>>() {});

  @Override
  public String convertToDatabaseColumn(List<InvoiceLine> lines) {
    try {
      return lines == null ? null : WRITER.writeValueAsString(lines);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public List<InvoiceLine> convertToEntityAttribute(String json) {
    try {
      return json == null ? null : READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
