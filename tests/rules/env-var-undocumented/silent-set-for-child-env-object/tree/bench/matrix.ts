import { spawnSync } from "node:child_process";

function measure(): void {
  console.log("measured");
}

// Each case runs in a fresh process: the parent starts itself again as the child.
if (process.env.ACME_BENCH_CHILD === "1") {
  measure();
} else {
  spawnSync(process.execPath, [process.argv[1]], {
    env: { ...process.env, ACME_BENCH_CHILD: "1" },
    stdio: "inherit",
  });
}
