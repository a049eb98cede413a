#!/usr/bin/env node
// The `einvoice` command. Runs the CLI's bundle (scripts/cli-bundle.mjs: built at `npm install`,
// rebuilt on the fly when a source changed), else the TypeScript sources through tsx, so
// `npx einvoice ...` works right after `npm install` with no build step either way.
const { loadBundledCli } = await import('../scripts/cli-bundle.mjs');
let runCli = await loadBundledCli();
if (!runCli) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../electron/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
