export function assertEquals(a: unknown, b: unknown) {
  if (a !== b) throw new Error("not equal");
}
