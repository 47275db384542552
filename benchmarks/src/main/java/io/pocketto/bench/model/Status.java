package io.pocketto.bench.model;

/** Workflow state of a benchmark invoice, stored by name. */
public enum Status { DRAFT, SENT, PAID }
