import { assertEquals } from "./asserts.ts";

Deno.test("the deadline falls back to its default", () => {
  Deno.env.delete("STDX_DEADLINE_MS");
  assertEquals(Deno.env.get("STDX_DEADLINE_MS") ?? "1000", "1000");
});

Deno.test("the deadline follows the environment", () => {
  Deno.env.set("STDX_RETRIES", "3");
  assertEquals(Deno.env.get("STDX_RETRIES"), "3");
});
