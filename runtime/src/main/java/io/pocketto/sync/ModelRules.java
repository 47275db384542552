package io.pocketto.sync;

import io.pocketto.ActiveRecord;
import io.pocketto.query.Condition;
import io.pocketto.query.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Who may sync what of one model on a {@link SyncServer}: the scope each principal pulls, the rule each
 * pushed row must pass, and the fields that never leave the server. Given to
 * {@link SyncServer.Builder#model(Class, java.util.function.Consumer)}.
 *
 * <pre>{@code
 * SyncServer.builder(masterDb)
 *     .authenticator(JwtAuthenticator.hmac(secret, "https://id.acme.example"))
 *     .model(SalesInvoice.class, rules -> rules
 *         .scope(p -> SalesInvoice.CUSTOMER.in(p.texts("customers")))
 *         .pushRule((p, before, after, deleting) -> after.getTotal().signum() < 0
 *             ? PushDecision.refuse("a total cannot be negative") : PushDecision.accept())
 *         .serverOnly(SalesInvoice.INTERNAL_NOTE))
 *     .build();
 * }</pre>
 *
 * @param <T> the model class
 */
public final class ModelRules<T extends ActiveRecord<T>> {
  private Function<Principal, Condition<T>> scope;
  private PushRule<T> pushRule;
  private final List<Property<T, ?>> serverOnly = new ArrayList<>();

  ModelRules() {}

  /**
   * The documents a principal may pull, as a condition of the query API, evaluated in SQL in the pull's
   * own statement. A document that stops matching (its fields change, or the principal's attributes do)
   * is removed from that principal's replicas at their next pull; see {@code docs/SYNC.md}. A push may
   * not create or change a document outside it. The function returning {@code null} refuses the
   * principal this model altogether (403).
   */
  public ModelRules<T> scope(Function<Principal, Condition<T>> scopeOfPrincipal) {
    if (scopeOfPrincipal == null) {
      throw new IllegalArgumentException("the scope function must not be null");
    }
    this.scope = scopeOfPrincipal;
    return this;
  }

  /** The rule every pushed row of this model must pass (after the scope's checks). */
  public ModelRules<T> pushRule(PushRule<T> rule) {
    if (rule == null) {
      throw new IllegalArgumentException("the push rule must not be null");
    }
    this.pushRule = rule;
    return this;
  }

  /**
   * Fields never sent to clients (absent from pulled documents and conflict answers) and never changed
   * by a push: a pushed row keeps the stored values of these fields, whatever it carries.
   */
  @SafeVarargs
  public final ModelRules<T> serverOnly(Property<T, ?>... properties) {
    for (Property<T, ?> p : properties) {
      if (p == null) {
        throw new IllegalArgumentException("a server-only property must not be null");
      }
      serverOnly.add(p);
    }
    return this;
  }

  Function<Principal, Condition<T>> scope() {
    return scope;
  }

  PushRule<T> pushRule() {
    return pushRule;
  }

  List<Property<T, ?>> serverOnly() {
    return Collections.unmodifiableList(serverOnly);
  }
}
