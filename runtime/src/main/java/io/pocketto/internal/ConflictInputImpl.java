package io.pocketto.internal;

import io.pocketto.ActiveRecord;
import io.pocketto.ConflictException;
import io.pocketto.ConflictInput;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The runtime's {@link ConflictInput}: three detached states and their per-field comparison. */
final class ConflictInputImpl<T extends ActiveRecord<T>> implements ConflictInput<T> {
  private final ModelBinding<T> binding;
  private final String id;
  private final String assumedRevision;
  private final String realRevision;
  private final String realWriter;
  private final Object[] assumed;
  private final Object[] mine;
  private final Object[] real;
  private final Set<String> changedByMe = new LinkedHashSet<>();
  private final Set<String> changedByOthers = new LinkedHashSet<>();
  private final Set<String> conflicting = new LinkedHashSet<>();

  ConflictInputImpl(ModelBinding<T> binding, String id, String assumedRevision, String realRevision,
      String realWriter, Object[] assumed, Object[] mine, Object[] real) {
    this.realWriter = realWriter;
    this.binding = binding;
    this.id = id;
    this.assumedRevision = assumedRevision;
    this.realRevision = realRevision;
    this.assumed = assumed;
    this.mine = mine;
    this.real = real;
    for (int i = 0; i < assumed.length; i++) {
      String name = binding.fields().get(i).name();
      boolean byMe = !ModelBinding.same(mine[i], assumed[i]);
      boolean byOthers = !ModelBinding.same(real[i], assumed[i]);
      if (byMe) {
        changedByMe.add(name);
      }
      if (byOthers) {
        changedByOthers.add(name);
      }
      if (byMe && byOthers && !ModelBinding.same(mine[i], real[i])) {
        conflicting.add(name);
      }
    }
  }

  @Override
  public T assumedMasterState() {
    return binding.fromStored(assumed);
  }

  @Override
  public T newDocumentState() {
    return binding.fromStored(mine);
  }

  @Override
  public T realMasterState() {
    return binding.fromStored(real);
  }

  @Override
  public Set<String> changedByThisWriter() {
    return Collections.unmodifiableSet(changedByMe);
  }

  @Override
  public Set<String> changedByOthers() {
    return Collections.unmodifiableSet(changedByOthers);
  }

  @Override
  public Set<String> conflictingFields() {
    return Collections.unmodifiableSet(conflicting);
  }

  @Override
  public T merged() {
    Object[] merged = real.clone();
    for (int i = 0; i < merged.length; i++) {
      if (!ModelBinding.same(mine[i], assumed[i])) {
        merged[i] = mine[i];
      }
    }
    return binding.fromStored(merged);
  }

  @Override
  public ConflictException conflict(Set<String> fields) {
    return new ConflictException(binding.collection(), id, assumedRevision, realRevision, fields, realWriter);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String collection() {
    return binding.collection();
  }
}
