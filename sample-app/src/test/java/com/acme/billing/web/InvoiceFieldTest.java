package com.acme.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.billing.SalesInvoice;
import io.pocketto.internal.FieldSpec;
import org.junit.jupiter.api.Test;

/** The API's field table cannot drift from the model. */
class InvoiceFieldTest {

  @Test
  void apiFieldsAreTheModelsPersistedFieldsInOrder() {
    assertThat(InvoiceField.names())
        .isEqualTo(SalesInvoice.BINDING.fields().stream().map(FieldSpec::name).toList());
  }
}
