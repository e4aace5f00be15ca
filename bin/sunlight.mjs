#!/usr/bin/env node
// Entry point of the `sunlight` CLI: TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
