// Preloaded (`node -r`) by tests that check which modules a process loads: on exit it writes the
// path of every CommonJS module it loaded (require.cache) as JSON to the file named by
// MODULE_TRACE_FILE. The TypeScript sources run through swc-register.cjs are CommonJS too.
const fs = require('node:fs');

const target = process.env.MODULE_TRACE_FILE;
if (target) process.on('exit', () => fs.writeFileSync(target, JSON.stringify(Object.keys(require.cache))));
