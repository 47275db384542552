package io.pocketto.bench.variant;

import com.zaxxer.hikari.HikariDataSource;
import io.pocketto.bench.Contender;
import io.pocketto.bench.Invoices;
import io.pocketto.bench.model.InvoiceLine;
import io.pocketto.bench.model.Status;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ as its users write it without code generation: typed fields over the table, a query built per
 * call, a record mapped by field; the version check is a conditional {@code UPDATE ... WHERE _version = ?}
 * that sets only what changed. Each statement runs on its own pooled connection in auto-commit mode, jOOQ's
 * default with a {@code DataSource}. Same pool (HikariCP, same size) and table as Hibernate.
 */
public final class JooqContender implements Contender {
  static {
    // The banner and the tip of the day jOOQ logs when it is first used.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final Table<Record> INVOICES = DSL.table(DSL.name("sales_invoices"));
  private static final Field<String> ID = DSL.field(DSL.name("_id"), SQLDataType.VARCHAR);
  private static final Field<Long> VERSION = DSL.field(DSL.name("_version"), SQLDataType.BIGINT);
  private static final Field<OffsetDateTime> UPDATED_AT =
      DSL.field(DSL.name("_updated_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
  private static final Field<String> NUMBER = DSL.field(DSL.name("number"), SQLDataType.VARCHAR);
  private static final Field<String> CUSTOMER = DSL.field(DSL.name("customer"), SQLDataType.VARCHAR);
  private static final Field<BigDecimal> TOTAL = DSL.field(DSL.name("total"), SQLDataType.NUMERIC);
  private static final Field<LocalDate> ISSUED_ON = DSL.field(DSL.name("issued_on"), SQLDataType.LOCALDATE);
  private static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.VARCHAR);
  private static final Field<Integer> REMINDERS = DSL.field(DSL.name("reminders"), SQLDataType.INTEGER);
  private static final Field<List<InvoiceLine>> LINES =
      DSL.field(DSL.name("lines"), SQLDataType.VARCHAR.asConvertedDataType(new LinesConverter()));
  private static final List<SelectField<?>> COLUMNS =
      List.of(ID, VERSION, NUMBER, CUSTOMER, TOTAL, ISSUED_ON, STATUS, REMINDERS, LINES);

  private final HikariDataSource pool;
  private final DSLContext sql;

  /** Creates the table at {@code url} and a jOOQ context on a pool. */
  public JooqContender(String url) {
    this.pool = VersionedTable.open(url, "jooq-bench");
    this.sql = DSL.using(pool, VersionedTable.isPostgres(url) ? SQLDialect.POSTGRES : SQLDialect.H2);
  }

  @Override
  public void insert(String id, int n) {
    insert(sql, id, n);
  }

  /** One transaction: setup is not measured. */
  @Override
  public void insertAll(String[] ids) {
    sql.transaction(configuration -> {
      DSLContext tx = DSL.using(configuration);
      for (int i = 0; i < ids.length; i++) {
        insert(tx, ids[i], i);
      }
    });
  }

  private static void insert(DSLContext context, String id, int n) {
    List<InvoiceLine> lines = Invoices.lines(n);
    context.insertInto(INVOICES)
        .set(ID, id)
        .set(VERSION, 0L)
        .set(NUMBER, Invoices.number(n))
        .set(CUSTOMER, Invoices.customer(n))
        .set(TOTAL, Invoices.total(lines))
        .set(ISSUED_ON, Invoices.issuedOn(n))
        .set(STATUS, Invoices.status().name())
        .set(REMINDERS, 0)
        .set(LINES, lines)
        .execute();
  }

  @Override
  public JooqInvoice findById(String id) {
    return sql.select(COLUMNS).from(INVOICES).where(ID.eq(id)).fetchOne(JooqContender::invoice);
  }

  @Override
  public List<JooqInvoice> latestOfCustomer(String customer) {
    return sql.select(COLUMNS)
        .from(INVOICES)
        .where(CUSTOMER.eq(customer))
        .orderBy(ISSUED_ON.desc().nullsLast(), ID.desc())
        .limit(QUERY_LIMIT)
        .fetch(JooqContender::invoice);
  }

  private static JooqInvoice invoice(Record r) {
    JooqInvoice invoice = new JooqInvoice();
    invoice.id = r.get(ID);
    invoice.version = r.get(VERSION);
    invoice.number = r.get(NUMBER);
    invoice.customer = r.get(CUSTOMER);
    invoice.total = r.get(TOTAL);
    invoice.issuedOn = r.get(ISSUED_ON);
    String status = r.get(STATUS);
    invoice.status = status == null ? null : Status.valueOf(status);
    invoice.reminders = r.get(REMINDERS);
    invoice.lines = r.get(LINES);
    return invoice;
  }

  @Override
  public void readModifyWrite(String id) {
    JooqInvoice invoice = findById(id);
    if (!addReminder(invoice)) {
      throw new IllegalStateException("invoice " + id + " changed since version " + invoice.version);
    }
  }

  @Override
  public void write(Object held) {
    JooqInvoice invoice = (JooqInvoice) held;
    if (!addReminder(invoice)) {
      throw new IllegalStateException("invoice " + invoice.id + " changed since version " + invoice.version);
    }
    invoice.reminders++;
    invoice.version++;
  }

  @Override
  public int increment(String id) {
    for (int conflicts = 0; ; conflicts++) {
      if (addReminder(findById(id))) {
        return conflicts;
      }
    }
  }

  /** The conditional write: false if another write moved the version on since {@code invoice} was read. */
  private boolean addReminder(JooqInvoice invoice) {
    return sql.update(INVOICES)
        .set(REMINDERS, invoice.reminders + 1)
        .set(VERSION, invoice.version + 1)
        .set(UPDATED_AT, DSL.currentOffsetDateTime())
        .where(ID.eq(invoice.id).and(VERSION.eq(invoice.version)))
        .execute() == 1;
  }

  /** The one stored column, as a jOOQ user reads a single value: no row to map, no lines to decode. */
  @Override
  public int reminders(String id) {
    return sql.fetchValue(DSL.select(REMINDERS).from(INVOICES).where(ID.eq(id)));
  }

  /** The stored version, read as {@link #reminders} is. */
  @Override
  public String revision(String id) {
    return Long.toString(sql.fetchValue(DSL.select(VERSION).from(INVOICES).where(ID.eq(id))));
  }

  @Override
  public void close() {
    VersionedTable.close(pool);
  }

  /** The lines column as jOOQ users map JSON text: a converter on the field, through the same JSON as Hibernate's. */
  private static final class LinesConverter implements Converter<String, List<InvoiceLine>> {
    private static final InvoiceLinesConverter JSON = new InvoiceLinesConverter();

    @Override
    public List<InvoiceLine> from(String json) {
      return JSON.convertToEntityAttribute(json);
    }

    @Override
    public String to(List<InvoiceLine> lines) {
      return JSON.convertToDatabaseColumn(lines);
    }

    @Override
    public Class<String> fromType() {
      return String.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<List<InvoiceLine>> toType() {
      return (Class<List<InvoiceLine>>) (Class<?>) List.class;
    }
  }
}
