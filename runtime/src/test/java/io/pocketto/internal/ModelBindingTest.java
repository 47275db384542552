package io.pocketto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pocketto.ActiveRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's one binding class, made from a generated record's facts and reaching its fields through FieldAccess. */
class ModelBindingTest {

  /** What the processor generates, by hand: field access by position, nothing else. */
  static final class Note implements ActiveRecord<Note>, FieldAccess {
    static final ModelBinding<Note> BINDING = new ModelBinding<Note>(Note.class, "notes", Note::new, new FieldSpec[] {
        FieldSpec.scalar("title", "title", ColumnType.STRING, false),
        FieldSpec.scalar("pages", "pages", ColumnType.INT, true)},
        List.of(List.of("title")), null);
    private final RecordState state = new RecordState();
    String title;
    int pages;

    @Override
    public ModelBinding<Note> modelBinding() {
      return BINDING;
    }

    @Override
    public RecordState $state() {
      return state;
    }

    @Override
    public Object[] $values() {
      return new Object[] {title, pages};
    }

    @Override
    public void $apply(Object[] values) {
      title = (String) values[0];
      pages = (Integer) values[1];
    }
  }

  /** An active record the processor did not generate: it has no field access. */
  static final class HandWritten implements ActiveRecord<HandWritten> {
    @Override
    public ModelBinding<HandWritten> modelBinding() {
      return null;
    }
  }

  @Test
  void readsAndWritesFieldsByPositionThroughTheRecord() {
    Note note = Note.BINDING.newInstance();
    Note.BINDING.apply(note, new Object[] {"Minutes", 3});

    assertThat(note.title).isEqualTo("Minutes");
    assertThat(Note.BINDING.values(note)).containsExactly("Minutes", 3);
    assertThat(Note.BINDING.state(note)).isSameAs(note.$state());
    assertThat(Note.BINDING.indexes()).containsExactly(List.of("title"));
    assertThat(ModelBinding.of(Note.class)).isSameAs(Note.BINDING);
  }

  @Test
  void aClassWithoutFieldAccessIsRefusedNamingIt() {
    assertThatThrownBy(() -> new ModelBinding<HandWritten>(HandWritten.class, "hand_written", HandWritten::new,
        new FieldSpec[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(HandWritten.class.getName())
        .hasMessageContaining("does not implement FieldAccess");
  }
}
