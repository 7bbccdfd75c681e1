import { expect, test } from "vitest";
import { draw } from "../src/draw/canvas";

test("draw", () => {
  expect(draw(2, 3)).toBe("2x3");
});
