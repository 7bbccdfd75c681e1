package org.acme;

public class Strings {
  public static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
