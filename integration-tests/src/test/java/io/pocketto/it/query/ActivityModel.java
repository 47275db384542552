package io.pocketto.it.query;

import io.pocketto.Index;
import io.pocketto.Model;

/** An entry of an activity feed, listed latest first: its timestamps are indexed, alone and after its owner. */
@Model(collection = "query_activities", indexes = {@Index("updatedAt"), @Index({"owner", "createdAt"})})
public abstract class ActivityModel {
  protected String owner;
  protected String title;
}
