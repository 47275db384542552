package io.pocketto.spring.boot.demo;

import io.pocketto.CrudRepository;
import io.pocketto.Repository;
import java.util.List;

/** Found by the starter and exposed as a bean. */
@Repository
public interface AccountRepository extends CrudRepository<Account> {
  List<Account> findByOwner(String owner);
}
