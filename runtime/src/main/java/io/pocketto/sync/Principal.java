package io.pocketto.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a sync request comes from, as an {@link Authenticator} established it: an id (recorded as the
 * writer of every revision the request pushes) and attributes such as a tenant or the customers the
 * person may see, which scopes and push rules read. Never taken from what a client claims in a message.
 *
 * @param id the principal's id, e.g. a token's subject; never empty
 * @param attributes what else the authenticator vouches for, e.g. {@code customers -> [ACME, Globex]}
 */
public record Principal(String id, Map<String, Object> attributes) {
  /** Copies the attributes; the id must be a non-empty text. */
  public Principal {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a principal needs an id");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** A principal with no attributes. */
  public static Principal of(String id) {
    return new Principal(id, Map.of());
  }

  /** One attribute, or {@code null} if the principal has none of that name. */
  public Object attribute(String name) {
    return attributes.get(name);
  }

  /**
   * An attribute as a list of texts: a list or a single text; an absent attribute is an empty list, so a
   * scope built from it ({@code CUSTOMER.in(p.texts("customers"))}) matches nothing.
   */
  public List<String> texts(String name) {
    Object value = attributes.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> many) {
      return many.stream().map(v -> Objects.toString(v, null)).filter(Objects::nonNull).toList();
    }
    return List.of(value.toString());
  }

  @Override
  public String toString() {
    // Attributes stay out of logs: they may be personal data.
    return "Principal{" + id + "}";
  }
}
