package com.acme.billing;

/** Where an invoice is in its life. */
public enum Status {
  DRAFT,
  SENT,
  PAID
}
