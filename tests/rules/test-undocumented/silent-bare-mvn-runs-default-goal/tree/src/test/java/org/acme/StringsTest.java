package org.acme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StringsTest {
  @Test
  void empty() {
    assertTrue(Strings.isEmpty(""));
  }
}
