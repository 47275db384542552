package io.pocketto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketto.internal.RevisionHasher;
import io.pocketto.it.model.Note;
import io.pocketto.it.model.PinnedNote;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fields declared in superclasses are stored like the model's own, and a model may extend a model. */
class InheritedFieldsTest extends BackendTest {

  @Test
  void fieldsOfASuperclassComeBackAfterFind() {
    Note note = new Note();
    note.setId("n1");
    note.setCreatedBy("ann");
    note.setCreatedOn(LocalDate.of(2026, 12, 4));
    note.setLabels(List.of("red", "blue"));
    note.setText("hello");
    note.save();

    Note found = Note.find("n1").orElseThrow();

    assertThat(found.getCreatedBy()).isEqualTo("ann");
    assertThat(found.getCreatedOn()).isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(found.getLabels()).containsExactly("red", "blue");
    assertThat(found.getText()).isEqualTo("hello");
    assertThat(RevisionHasher.revisionOf(Note.BINDING, found, null)).isEqualTo(found.meta().rev());
    assertThat(found.isDirty()).isFalse();
  }

  @Test
  void changingAnInheritedFieldIsDirtyAndSaved() {
    Note note = new Note();
    note.setId("n1");
    note.setCreatedBy("ann");
    note.save();
    Note found = Note.find("n1").orElseThrow();

    found.getLabels().add("urgent");
    found.setCreatedBy("bob");

    assertThat(found.meta().dirty()).containsExactlyInAnyOrder("createdBy", "labels");
    found.save();
    Note again = Note.find("n1").orElseThrow();
    assertThat(again.getCreatedBy()).isEqualTo("bob");
    assertThat(again.getLabels()).containsExactly("urgent");
  }

  @Test
  void inheritedFieldsCanBeQueried() {
    for (String author : new String[] {"ann", "bob"}) {
      Note note = new Note();
      note.setId(author);
      note.setCreatedBy(author);
      note.save();
    }

    assertThat(Note.query().where(Note.CREATED_BY.eq("bob")).list()).extracting(Note::getId).containsExactly("bob");
  }

  @Test
  void aModelExtendingAModelHasBothModelsFieldsInItsOwnCollection() {
    Note note = new Note();
    note.setId("plain");
    note.setText("plain");
    note.save();
    PinnedNote pinned = new PinnedNote();
    pinned.setId("pinned");
    pinned.setCreatedBy("ann");
    pinned.setText("pinned");
    pinned.setPosition(3);
    pinned.save();

    PinnedNote found = PinnedNote.find("pinned").orElseThrow();

    assertThat(found.getCreatedBy()).isEqualTo("ann");
    assertThat(found.getText()).isEqualTo("pinned");
    assertThat(found.getPosition()).isEqualTo(3);
    assertThat(PinnedNote.BINDING.collection()).isEqualTo("pinned_notes");
    assertThat(Note.all()).extracting(Note::getId).containsExactly("plain");
    assertThat(PinnedNote.all()).extracting(PinnedNote::getId).containsExactly("pinned");
  }
}
