export function tracePath(): string | undefined {
  return process.env.TEA_TRACE;
}
