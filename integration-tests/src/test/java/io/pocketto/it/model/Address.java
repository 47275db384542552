package io.pocketto.it.model;

import java.util.Objects;

/** A mutable JavaBean with a no-arg constructor, stored inside {@link EveryTypeModel} as JSON. */
public class Address {
  private String street;
  private String city;
  private int floor;

  /** An empty address, as Jackson creates it before setting the properties. */
  public Address() {}

  /** An address with every property set. */
  public Address(String street, String city, int floor) {
    this.street = street;
    this.city = city;
    this.floor = floor;
  }

  /** The street and number. */
  public String getStreet() {
    return street;
  }

  /** Sets the street and number. */
  public void setStreet(String street) {
    this.street = street;
  }

  /** The city. */
  public String getCity() {
    return city;
  }

  /** Sets the city. */
  public void setCity(String city) {
    this.city = city;
  }

  /** The floor, 0 for the ground floor. */
  public int getFloor() {
    return floor;
  }

  /** Sets the floor. */
  public void setFloor(int floor) {
    this.floor = floor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && floor == a.floor && Objects.equals(street, a.street)
        && Objects.equals(city, a.city);
  }

  @Override
  public int hashCode() {
    return Objects.hash(street, city, floor);
  }

  @Override
  public String toString() {
    return "Address{" + street + ", " + city + ", floor " + floor + "}";
  }
}
