export function npmPath(): string | undefined {
  return process.env.NPM_REGISTRY_MIRROR ?? process.env.COREPACK_NPM_REGISTRY;
}
