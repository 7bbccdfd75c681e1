import { test } from "@playwright/test";

// Playwright sets these in each worker: one port per worker.
const workerIndex = Number(process.env.TEST_WORKER_INDEX ?? 0);
const parallelIndex = Number(process.env.TEST_PARALLEL_INDEX ?? 0);

test("renders", async ({ page }) => {
  await page.goto(`http://localhost:${3000 + workerIndex + parallelIndex}`);
});
