package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.CrudRepository;
import io.pocketto.Database;
import io.pocketto.ModelStore;
import io.pocketto.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every generated repository inherits: the {@link CrudRepository} operations, delegated to the
 * model's {@link ModelStore} so they keep its revisions and conflicts, and the preparation of the
 * generated query methods.
 *
 * @param <T> the model class
 */
@ForGeneratedCode
public abstract class RepositoryBase<T extends ActiveRecord<T>> implements CrudRepository<T> {
  private final ModelStore<T> store;
  private final QueryExecutor<T> executor;

  /**
   * Binds the repository to a model's store.
   *
   * @param compiledFields the model's fields when the repository was generated, in declaration order;
   *     its SQL reads columns in that order, so a model changed since then must be recompiled
   * @throws IllegalStateException if the model's fields are no longer those
   */
  protected RepositoryBase(ModelStore<T> store, List<String> compiledFields) {
    this.store = store;
    DocumentTable<T> table = ApiAccess.table(store);
    this.executor = table.queries();
    List<String> fields = table.binding().fields().stream().map(FieldSpec::name).toList();
    if (!fields.equals(compiledFields)) {
      throw new IllegalStateException(getClass().getSimpleName() + " was generated for the fields " + compiledFields
          + " of " + table.binding().modelName() + ", which now has " + fields + "; rebuild the project");
    }
  }

  /** A query method whose statement returns rows, a count or an existence test. */
  protected final RepositoryQuery<T> prepare(String method, String sql, QueryArgument... arguments) {
    return new RepositoryQuery<>(executor, method, sql, null, arguments);
  }

  /** A query method returning a page: its row statement ends in offset and limit placeholders. */
  protected final RepositoryQuery<T> preparePage(String method, String sql, String countSql,
      QueryArgument... arguments) {
    return new RepositoryQuery<>(executor, method, sql, countSql, arguments);
  }

  @Override
  public Optional<T> findById(String id) {
    return store.find(id);
  }

  @Override
  public List<T> findAll() {
    return store.all();
  }

  @Override
  public T save(T record) {
    return store.save(requireRecord(record));
  }

  @Override
  public List<T> saveAll(Iterable<T> records) {
    if (records == null) {
      throw new IllegalArgumentException("records must not be null");
    }
    List<T> saved = new ArrayList<>();
    for (T record : records) {
      saved.add(store.save(requireRecord(record)));
    }
    return saved;
  }

  @Override
  public void delete(T record) {
    store.delete(requireRecord(record));
  }

  @Override
  public long count() {
    return store.count();
  }

  @Override
  public boolean existsById(String id) {
    return store.find(id).isPresent();
  }

  @Override
  public Query<T> query() {
    return store.query();
  }

  @Override
  public Database database() {
    return store.database();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + store.collection() + " in " + store.database() + "}";
  }

  private static <T> T requireRecord(T record) {
    if (record == null) {
      throw new IllegalArgumentException("record must not be null");
    }
    return record;
  }
}
