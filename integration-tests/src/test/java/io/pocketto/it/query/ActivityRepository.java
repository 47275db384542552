package io.pocketto.it.query;

import io.pocketto.CrudRepository;
import io.pocketto.Repository;
import java.time.Instant;
import java.util.List;

/** Activities by their timestamps, through the indexes the model declares on them. */
@Repository
public interface ActivityRepository extends CrudRepository<Activity> {
  List<Activity> findTop20ByOrderByUpdatedAtDesc();

  List<Activity> findTop20ByOwnerOrderByCreatedAtDesc(String owner);

  List<Activity> findByCreatedAtGreaterThan(Instant since);
}
