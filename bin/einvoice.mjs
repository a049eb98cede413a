#!/usr/bin/env node
// The `einvoice` command. Runs the TypeScript sources through tsx, so `npx einvoice ...` works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
