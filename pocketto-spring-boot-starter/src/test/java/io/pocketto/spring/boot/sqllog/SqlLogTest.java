package io.pocketto.spring.boot.sqllog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pocketto.Database;
import io.pocketto.Pocketto;
import io.pocketto.spring.boot.tx.Note;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SQL log under {@code io.pocketto.sql}: statements and timings at DEBUG, parameters only at TRACE. */
class SqlLogTest {
  private final Logger log = (Logger) LoggerFactory.getLogger("io.pocketto.sql");
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Database db;

  @BeforeEach
  void open() {
    captured.start();
    log.addAppender(captured);
    db = Pocketto.connect("jdbc:h2:mem:sqllog-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    log.detachAppender(captured);
    log.setLevel(null);
    db.close();
  }

  private void saveSecret() {
    Note note = new Note();
    note.setId("n1");
    note.setText("secret text");
    note.saveTo(db);
    Note.in(db).find("n1");
  }

  private List<String> messages() {
    return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void atDebugStatementsAndTimingsAreLoggedWithoutParameters() {
    log.setLevel(Level.DEBUG);

    saveSecret();

    assertThat(messages()).anySatisfy(m -> assertThat(m).matches("\\d+\\.\\d{3} ms, 1 rows: INSERT INTO \"notes\" .*"));
    assertThat(messages()).anySatisfy(m -> assertThat(m).matches("\\d+\\.\\d{3} ms, done: SELECT .* FROM \"notes\" WHERE .*"));
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("CREATE TABLE IF NOT EXISTS \"notes\""));
    assertThat(messages()).noneSatisfy(m -> assertThat(m).contains("secret text"));
    assertThat(captured.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
  }

  @Test
  void atTraceTheParametersAreLoggedToo() {
    log.setLevel(Level.TRACE);

    saveSecret();

    assertThat(captured.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.TRACE);
      assertThat(e.getFormattedMessage()).contains("INSERT INTO \"notes\"").contains("1='n1'").contains("'secret text'");
    });
  }

  @Test
  void atInfoNothingIsLogged() {
    log.setLevel(Level.INFO);

    saveSecret();

    assertThat(captured.list).isEmpty();
  }
}
