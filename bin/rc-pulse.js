#!/usr/bin/env node
'use strict';
// The rc-pulse command. The TypeScript sources are compiled into dist/ by `npm ci`
// (the package's prepare script) and by `npm run build`.
let cli;
try {
  cli = require('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('rc-pulse is not built yet: run "npm run build" in the project folder, then try again.\n');
    process.exit(1);
  }
  throw err;
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
