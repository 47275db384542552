package io.pocketto.it.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.Repositories;
import io.pocketto.it.BackendTest;
import io.pocketto.query.Query;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Latest first" pages sort by a timestamp every document has. An {@code @Index} in {@code @Model(indexes = ...)} may
 * name {@code createdAt} or {@code updatedAt}, and such a page is then one scan of that index, in both directions and
 * under an equality on the fields before it, as for a field (see {@link QueryPlanTest}), whether a typed query or a
 * repository method asks; checked on the plans.
 */
class TimestampIndexTest extends BackendTest {
  private static final int ROWS = 3_000;
  private static final String UPDATED_AT_INDEX = "query_activities__updated_at__id_idx";
  private static final String OWNER_CREATED_AT_INDEX = "query_activities_owner__created_at__id_idx";

  @BeforeEach
  void fill() throws Exception {
    db.bundle(bundle -> {
      for (int n = 0; n < ROWS; n++) {
        Activity activity = new Activity();
        activity.setId(String.format("a-%05d", (n * 7919) % ROWS));
        activity.setOwner("owner-" + (n % 30));
        activity.setTitle("entry " + n);
        activity.saveTo(db);
      }
    });
    // Written one at a time, after the rest: later timestamps than the bundle's, each in its own transaction.
    for (int n = 0; n < 5; n++) {
      Activity touched = Activity.in(db).find(String.format("a-%05d", n * 101)).orElseThrow();
      touched.setTitle("edited");
      touched.save();
      Activity added = new Activity();
      added.setOwner("owner-7");
      added.setTitle("late " + n);
      added.saveTo(db);
    }
    Plans.analyze(backend, db, "query_activities");
  }

  @Test
  void theLatestWrittenFirstIsOneScanOfTheUpdatedAtIndexInEitherDirection() {
    Query<Activity> latest = Activity.in(db).query().orderBy(Activity.UPDATED_AT.desc()).limit(20);
    Query<Activity> earliest = Activity.in(db).query().orderBy(Activity.UPDATED_AT.asc()).limit(20);

    Plans.assertIndexOrdered(backend, UPDATED_AT_INDEX, latest.explain());
    Plans.assertIndexOrdered(backend, UPDATED_AT_INDEX, earliest.explain());
    List<Activity> all = Activity.in(db).query().list();
    assertThat(ids(latest.list())).containsExactlyElementsOf(firstIds(all, a -> a.meta().updatedAt(), true));
    assertThat(ids(earliest.list())).containsExactlyElementsOf(firstIds(all, a -> a.meta().updatedAt(), false));
  }

  @Test
  void anOwnersLatestCreatedAreOneScanOfTheIndexTheOwnerLeads() {
    Query<Activity> newest = Activity.in(db).query().where(Activity.OWNER.eq("owner-7"))
        .orderBy(Activity.CREATED_AT.desc()).limit(20);

    Plans.assertIndexOrdered(backend, OWNER_CREATED_AT_INDEX, newest.explain());
    List<Activity> owners = Activity.in(db).query().where(Activity.OWNER.eq("owner-7")).list();
    assertThat(owners).hasSize(ROWS / 30 + 5);
    assertThat(ids(newest.list())).containsExactlyElementsOf(firstIds(owners, a -> a.meta().createdAt(), true));
    assertThat(newest.list().get(0).getTitle()).isEqualTo("late 4");
  }

  @Test
  void repositoryMethodsFilterAndSortByTheTimestampsThroughTheSameIndexes() throws Exception {
    ActivityRepository activities = Repositories.of(ActivityRepository.class, db);
    List<Activity> all = Activity.in(db).query().list();
    List<Activity> owners = Activity.in(db).query().where(Activity.OWNER.eq("owner-7")).list();

    Plans.assertIndexOrdered(backend, UPDATED_AT_INDEX,
        Plans.explain(backend, db, ActivityRepository_Impl.FIND_TOP20_BY_ORDER_BY_UPDATED_AT_DESC));
    Plans.assertIndexOrdered(backend, OWNER_CREATED_AT_INDEX,
        Plans.explain(backend, db, ActivityRepository_Impl.FIND_TOP20_BY_OWNER_ORDER_BY_CREATED_AT_DESC, "owner-7"));
    assertThat(ids(activities.findTop20ByOrderByUpdatedAtDesc()))
        .containsExactlyElementsOf(firstIds(all, a -> a.meta().updatedAt(), true));
    assertThat(ids(activities.findTop20ByOwnerOrderByCreatedAtDesc("owner-7")))
        .containsExactlyElementsOf(firstIds(owners, a -> a.meta().createdAt(), true));
    Instant since = Activity.in(db).find("a-00000").orElseThrow().meta().createdAt();
    assertThat(ids(activities.findByCreatedAtGreaterThan(since))).hasSize(5).containsExactlyElementsOf(
        ids(all.stream().filter(a -> a.meta().createdAt().isAfter(since)).sorted(Comparator.comparing(Activity::getId))
            .toList()));
  }

  @Test
  void theTimestampIndexesAreInTheSchemaAMigrationMustCreate() {
    assertThat(db.schemaStatements(Activity.BINDING)).anySatisfy(statement -> assertThat(statement)
        .contains(UPDATED_AT_INDEX).endsWith("(\"_updated_at\" NULLS FIRST, \"_id\")"))
        .anySatisfy(statement -> assertThat(statement).contains(OWNER_CREATED_AT_INDEX)
            .endsWith("(\"owner\" NULLS FIRST, \"_created_at\" NULLS FIRST, \"_id\")"));
  }

  /** The ids of the first 20 of {@code activities} by {@code time}, then id, in one direction: the oracle. */
  private static List<String> firstIds(List<Activity> activities, Function<Activity, Instant> time, boolean descending) {
    Comparator<Activity> order = Comparator.comparing(time).thenComparing(Activity::getId);
    return ids(activities.stream().sorted(descending ? order.reversed() : order).limit(20).toList());
  }

  private static List<String> ids(List<Activity> activities) {
    return activities.stream().map(Activity::getId).toList();
  }
}
