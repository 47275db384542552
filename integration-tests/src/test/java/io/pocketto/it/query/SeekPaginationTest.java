package io.pocketto.it.query;

import static io.pocketto.it.query.Fixtures.ids;
import static io.pocketto.it.query.Fixtures.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.it.BackendTest;
import io.pocketto.query.Order;
import io.pocketto.query.Query;
import io.pocketto.query.Slice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Seek pagination: {@link Query#slice(int)} and {@link Query#after(String)} walk a result page by page
 * from the last row seen, with no count and no offset, so pages neither skip nor repeat a document while
 * others are inserted and deleted; and a cursor only continues the query that issued it.
 */
class SeekPaginationTest extends BackendTest {

  private Query<Invoice> query() {
    return Invoice.in(db).query();
  }

  /** 40 invoices whose numbers tie in fives, some without a number or customer, saved out of id order. */
  private void seedWithTiesAndNulls() {
    for (int n = 0; n < 40; n++) {
      int k = n;
      saved(db, String.format("d%02d", (k * 17) % 40), i -> {
        i.setNumber(k % 9 == 4 ? null : "N" + (k % 8));
        i.setCustomer(k % 7 == 3 ? null : "C" + (k % 3));
        i.setIssuedOn(k % 6 == 0 ? null : LocalDate.of(2026, 1, 1 + k % 5));
        i.setTotal(BigDecimal.valueOf(k % 4));
      });
    }
  }

  /** Every order the tests walk: one key each way, and several keys with ties and nulls in each. */
  private static List<UnaryOperator<Query<Invoice>>> orders() {
    List<UnaryOperator<Query<Invoice>>> orders = new ArrayList<>();
    orders.add(q -> q);
    for (boolean desc : new boolean[] {false, true}) {
      orders.add(q -> q.orderBy(key(Invoice.NUMBER.asc(), Invoice.NUMBER.desc(), desc)));
      orders.add(q -> q.orderBy(key(Invoice.CUSTOMER.asc(), Invoice.CUSTOMER.desc(), desc),
          key(Invoice.ISSUED_ON.asc(), Invoice.ISSUED_ON.desc(), desc)));
      orders.add(q -> q.orderBy(key(Invoice.CUSTOMER.asc(), Invoice.CUSTOMER.desc(), desc),
          key(Invoice.ISSUED_ON.asc(), Invoice.ISSUED_ON.desc(), !desc),
          key(Invoice.NUMBER.asc(), Invoice.NUMBER.desc(), desc)));
    }
    return orders;
  }

  private static Order<Invoice> key(Order<Invoice> asc, Order<Invoice> desc, boolean descending) {
    return descending ? desc : asc;
  }

  /** The ids of every slice of {@code size}, following each slice's cursor, over a result nobody writes to. */
  private static List<String> walkByCursor(Query<Invoice> query, int size) {
    return walkByCursor(List.of(query), size, query.count());
  }

  /**
   * The ids of every slice of {@code size}, following each slice's cursor, where no more than {@code most}
   * documents are ever in the result. The slices are taken on {@code servers} in turn: the same query on
   * connections of different application servers, or just one. A cursor that led back would loop for ever: the
   * walk fails once it saw more.
   */
  private static List<String> walkByCursor(List<Query<Invoice>> servers, int size, long most) {
    List<String> seen = new ArrayList<>();
    Slice<Invoice> slice = servers.get(0).slice(size);
    seen.addAll(ids(slice.items()));
    for (int turn = 1; slice.hasNext(); turn++) {
      assertThat(slice.items()).hasSize(size);
      assertThat((long) seen.size()).as("documents seen").isLessThanOrEqualTo(most);
      slice = servers.get(turn % servers.size()).after(slice.nextCursor()).slice(size);
      seen.addAll(ids(slice.items()));
    }
    return seen;
  }

  @Test
  void slicesFollowedByCursorVisitTheWholeResultInOrder() {
    seedWithTiesAndNulls();
    for (UnaryOperator<Query<Invoice>> order : orders()) {
      Query<Invoice> ordered = order.apply(query());
      List<String> all = ids(ordered.list());
      assertThat(all).hasSize(40);
      for (int size : new int[] {1, 3, 7, 40, 41}) {
        assertThat(walkByCursor(ordered, size)).as(ordered.sql() + " by " + size).isEqualTo(all);
      }
    }
  }

  @Test
  void afterTheLastDocumentOfAListComesTheRestOfTheOrder() {
    seedWithTiesAndNulls();
    for (UnaryOperator<Query<Invoice>> order : orders()) {
      Query<Invoice> ordered = order.apply(query());
      List<Invoice> all = ordered.list();
      for (int at : new int[] {0, 4, 5, 17, 38, 39}) {
        assertThat(ids(ordered.after(all.get(at)).list())).as(ordered.sql() + " after " + at)
            .isEqualTo(ids(all.subList(at + 1, all.size())));
        assertThat(ordered.after(all.get(at)).limit(3).list()).hasSize(Math.min(3, 39 - at));
        assertThat(ordered.after(all.get(at)).count()).isEqualTo(39 - at);
        try (var rest = ordered.after(all.get(at)).stream()) {
          assertThat(rest.map(Invoice::getId).toList()).isEqualTo(ids(all.subList(at + 1, all.size())));
        }
        assertThat(ordered.after(all.get(at)).exists()).isEqualTo(at < 39);
      }
    }
  }

  @Test
  void theLastSliceHasNoCursorEvenWhenTheResultFillsItExactly() {
    seedWithTiesAndNulls();
    Query<Invoice> byNumber = query().orderBy(Invoice.NUMBER.desc());
    Slice<Invoice> first = byNumber.slice(20);
    Slice<Invoice> second = byNumber.after(first.nextCursor()).slice(20);

    assertThat(first.hasNext()).isTrue();
    assertThat(second.items()).hasSize(20);
    assertThat(second.hasNext()).isFalse();
    assertThat(second.next()).isEmpty();
  }

  @Test
  void aPositionWhoseDocumentWasDeletedStillContinuesAfterIt() {
    seedWithTiesAndNulls();
    Query<Invoice> byNumber = query().orderBy(Invoice.NUMBER.asc());
    List<Invoice> all = byNumber.list();
    Slice<Invoice> first = byNumber.slice(10);
    all.get(9).delete();

    assertThat(ids(byNumber.after(first.nextCursor()).slice(10).items())).isEqualTo(ids(all.subList(10, 20)));
  }

  @Test
  void pagingVisitsEveryDocumentOnceWhileOthersAreInsertedAndDeleted() throws Exception {
    for (int round = 0; round < 3; round++) {
      for (boolean descending : new boolean[] {false, true}) {
        walkWhileWriting(round, descending ? Invoice.NUMBER.desc() : Invoice.NUMBER.asc());
      }
    }
  }

  /**
   * A filter that pins the first field of an index ({@code customer} of {@code (customer, issuedOn)}) is
   * sorted by that field first so the index serves it (see {@code QueryPlanTest}); the position and the
   * cursor stay the declared keys and the id, and the walk still sees every document once.
   */
  @Test
  void pagingAFilterThatPinsAnIndexedFieldVisitsEveryDocumentOnceWhileOthersAreInsertedAndDeleted()
      throws Exception {
    for (int round = 3; round < 6; round++) {
      for (boolean descending : new boolean[] {false, true}) {
        walkWhileWriting(round, descending ? Invoice.ISSUED_ON.desc() : Invoice.ISSUED_ON.asc());
      }
    }
  }

  @Test
  void filtersThatPinAnIndexedFieldKeepTheirDeclaredOrderAndAreWalkedExactlyOnce() {
    seedWithTiesAndNulls();
    Comparator<Invoice> byId = Comparator.comparing(Invoice::getId);
    Comparator<Invoice> byIssuedOn = Comparator.comparing(Invoice::getIssuedOn,
        Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()));
    List<Query<Invoice>> pinned = List.of(
        query().where(Invoice.NUMBER.eq("N3")),
        query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.ISSUED_ON.asc()),
        query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.ISSUED_ON.desc()),
        query().where(Invoice.CUSTOMER.eq("C2")).and(Invoice.ISSUED_ON.eq(LocalDate.of(2026, 1, 3))));
    List<Comparator<Invoice>> declared = List.of(byId, byIssuedOn.thenComparing(byId),
        byIssuedOn.thenComparing(byId).reversed(), byId);
    for (int q = 0; q < pinned.size(); q++) {
      Query<Invoice> query = pinned.get(q);
      List<Invoice> all = query.list();
      assertThat(all).as(query.sql()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(ids(all)).as(query.sql()).isEqualTo(ids(all.stream().sorted(declared.get(q)).toList()));
      for (int size : new int[] {1, 2, 3}) {
        assertThat(walkByCursor(query, size)).as(query.sql() + " by " + size).isEqualTo(ids(all));
      }
      for (int at = 0; at < all.size(); at++) {
        assertThat(ids(query.after(all.get(at)).list())).as(query.sql() + " after " + at)
            .isEqualTo(ids(all.subList(at + 1, all.size())));
      }
    }
  }

  /** Inserts (and as many deletes, while doomed documents last) the writer makes during one walk, at most. */
  private static final int WRITES = 150;

  private void walkWhileWriting(int round, Order<Invoice> order) throws Exception {
    String prefix = "r" + round + (order.descending() ? "d" : "a") + "-";
    Set<String> stable = new HashSet<>();
    List<Invoice> doomed = new ArrayList<>();
    for (int n = 0; n < 120; n++) {
      int k = n;
      Invoice saved = saved(db, prefix + String.format("%03d", (k * 37) % 120), i -> {
        i.setNumber(k % 13 == 0 ? null : "N" + (k % 10));
        i.setIssuedOn(k % 11 == 0 ? null : LocalDate.of(2026, 2, 1 + k % 10));
        i.setCustomer(prefix);
      });
      if (k % 3 == 0) {
        doomed.add(saved);
      } else {
        stable.add(saved.getId());
      }
    }
    Query<Invoice> walk = query().where(Invoice.CUSTOMER.eq(prefix)).orderBy(order);
    CountDownLatch writing = new CountDownLatch(5);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      // A bounded number of writes: a writer that inserted ahead of the walk for ever would never let it end.
      Future<Integer> writes = writer.submit(() -> {
        int n = 0;
        while (!done.get() && n < WRITES) {
          int k = n++;
          saved(db, prefix + "new-" + k, i -> {
            i.setNumber(k % 4 == 0 ? null : "N" + ThreadLocalRandom.current().nextInt(10));
            i.setIssuedOn(k % 5 == 0 ? null : LocalDate.of(2026, 2, 1 + ThreadLocalRandom.current().nextInt(10)));
            i.setCustomer(prefix);
          });
          if (!doomed.isEmpty()) {
            doomed.remove(doomed.size() - 1).delete();
          }
          writing.countDown();
        }
        return n;
      });
      assertThat(writing.await(60, TimeUnit.SECONDS)).isTrue();
      // The 120 seeded and every insert, should the walk see each before its deletion.
      List<String> seen = walkByCursor(List.of(walk), 7, 120 + WRITES);
      done.set(true);
      assertThat(writes.get(60, TimeUnit.SECONDS)).isPositive();

      assertThat(seen).as("no document twice").doesNotHaveDuplicates();
      assertThat(seen).as("every document that was there throughout").containsAll(stable);
      List<String> stableInFinalOrder = ids(walk.list()).stream().filter(stable::contains).toList();
      assertThat(seen.stream().filter(stable::contains).toList()).as("in order").isEqualTo(stableInFinalOrder);
    } finally {
      done.set(true);
      writer.shutdown();
      assertThat(writer.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aCursorContinuesTheSameQueryBuiltAgain() {
    seedWithTiesAndNulls();
    String cursor = query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.NUMBER.desc()).slice(4).nextCursor();
    Query<Invoice> rebuilt = Invoice.in(db).query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.NUMBER.desc());

    assertThat(ids(rebuilt.after(cursor).list())).isEqualTo(ids(rebuilt.list().subList(4, rebuilt.list().size())));
  }

  @Test
  void keyValuesThatNeedEscapingInTheCursorContinueExactlyAfterThem() {
    List<String> numbers = List.of("quote\"d", "back\\slash", "line\nbreak", "tab\tand\u0001control",
        "ünïcødé €", "emoji \uD83D\uDE00", "</script>", "", "plain");
    for (int n = 0; n < numbers.size() * 2; n++) {
      int k = n;
      saved(db, String.format("e%02d", k), i -> i.setNumber(numbers.get(k % numbers.size())));
    }
    for (Query<Invoice> ordered : List.of(query().orderBy(Invoice.NUMBER.asc()), query().orderBy(Invoice.NUMBER.desc()))) {
      List<String> all = ids(ordered.list());
      for (int size : new int[] {1, 2, 5}) {
        assertThat(walkByCursor(ordered, size)).as(ordered.sql() + " by " + size).isEqualTo(all);
      }
    }
  }

  @Test
  void aCursorBelongsToTheConditionsScopeAndOrderNotToTheLimit() {
    seedWithTiesAndNulls();
    Query<Invoice> byNumber = query().orderBy(Invoice.NUMBER.asc());
    // The query's identity is worked out once and shared with the queries derived from it; a cursor
    // taken first must still tell apart the narrower, wider or re-ordered queries built from it after.
    String cursor = byNumber.slice(5).nextCursor();

    assertThat(ids(byNumber.limit(3).after(cursor).list())).isEqualTo(ids(byNumber.list().subList(5, 8)));
    assertThat(ids(byNumber.limit(30).offset(0).after(cursor).limit(2).list()))
        .isEqualTo(ids(byNumber.list().subList(5, 7)));
    for (Query<Invoice> other : List.of(byNumber.where(Invoice.CUSTOMER.eq("C1")), byNumber.withDeleted(),
        byNumber.onlyDeleted(), byNumber.orderBy(Invoice.TOTAL.asc()), byNumber.limit(3).or(Invoice.TOTAL.eq(BigDecimal.ONE)))) {
      assertThatThrownBy(() -> other.after(cursor))
          .as(other.sql())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid cursor: it was issued for another query");
    }
  }

  @Test
  void anAlteredCursorIsRefused() {
    seedWithTiesAndNulls();
    Query<Invoice> byNumber = query().orderBy(Invoice.NUMBER.asc());
    String cursor = byNumber.slice(5).nextCursor();
    char flipped = cursor.charAt(3) == 'A' ? 'B' : 'A';
    String altered = cursor.substring(0, 3) + flipped + cursor.substring(4);

    for (String bad : List.of(altered, cursor + "x", cursor.substring(0, cursor.indexOf('.')), "not a cursor", "")) {
      assertThatThrownBy(() -> byNumber.after(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid cursor: it was altered");
    }
  }

  @Test
  void aCursorOfAnotherQueryIsRefused() {
    seedWithTiesAndNulls();
    String cursor = query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.NUMBER.asc()).slice(5).nextCursor();

    for (Query<Invoice> other : List.of(
        query().where(Invoice.CUSTOMER.eq("C2")).orderBy(Invoice.NUMBER.asc()),
        query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.NUMBER.desc()),
        query().where(Invoice.CUSTOMER.eq("C1")).orderBy(Invoice.TOTAL.asc()),
        query().where(Invoice.CUSTOMER.eq("C1")).withDeleted().orderBy(Invoice.NUMBER.asc()))) {
      assertThatThrownBy(() -> other.after(cursor))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid cursor: it was issued for another query");
    }
  }

  /**
   * A process accepts the cursors it issued lately without checking them again; another application server on the
   * same database has never seen them, checks each in full and reads its keys back from the text. Each slice here
   * is taken on the other of two connections, for every order, so every cursor takes that path.
   */
  @Test
  void cursorsIssuedByOneApplicationServerContinueOnAnotherOverTheSameDatabase() {
    seedWithTiesAndNulls();
    Database twin = track(Pocketto.connect(db.url()));
    for (UnaryOperator<Query<Invoice>> order : orders()) {
      List<Query<Invoice>> servers = List.of(order.apply(query()), order.apply(Invoice.in(twin).query()));
      List<String> all = ids(servers.get(0).list());
      for (int size : new int[] {1, 3, 7}) {
        assertThat(walkByCursor(servers, size, all.size())).as(servers.get(0).sql() + " by " + size).isEqualTo(all);
      }
      String cursor = servers.get(0).slice(5).nextCursor();
      assertThatThrownBy(() -> Invoice.in(twin).query().where(Invoice.CUSTOMER.eq("C1")).after(cursor))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid cursor: it was issued for another query");
    }
  }

  @Test
  void aCursorOfAnotherDatabaseIsRefused() {
    seedWithTiesAndNulls();
    String cursor = query().orderBy(Invoice.NUMBER.asc()).slice(5).nextCursor();
    Database other = open();

    assertThatThrownBy(() -> Invoice.in(other).query().orderBy(Invoice.NUMBER.asc()).after(cursor))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cursor");
  }

  @Test
  void aContinuedQueryKeepsItsConditionsOrderAndScopeAndHasNoPageNumbersOrOffset() {
    seedWithTiesAndNulls();
    Query<Invoice> byNumber = query().orderBy(Invoice.NUMBER.asc());
    Query<Invoice> continued = byNumber.after(byNumber.slice(5).nextCursor());

    assertThatThrownBy(() -> continued.page(2, 5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slice()");
    assertThatThrownBy(() -> continued.offset(5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> continued.orderBy(Invoice.TOTAL.asc())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("orderBy must come before after");
    assertThatThrownBy(() -> continued.where(Invoice.CUSTOMER.eq("C1"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("and must come before after");
    assertThatThrownBy(() -> continued.or(Invoice.CUSTOMER.eq("C1"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("or must come before after");
    assertThatThrownBy(continued::withDeleted).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withDeleted must come before after");
    assertThatThrownBy(continued::onlyDeleted).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onlyDeleted must come before after");
    assertThat(continued.limit(2).list()).hasSize(2);
    assertThatThrownBy(() -> byNumber.slice(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
