/**
 * `pnpm test:soak` (`--short` for the short version): runs the fault and load suite once and
 * prints its JSON line; exits 1 when an invariant (no process died, runsStuck, centsOff, duplicates, subscribers
 * lost) or a goal (error rate ≤ 1 % outside the PostgreSQL outage, p95 after within 20 % of
 * before) fails. Progress goes to stderr. Needs `pnpm build` (it runs the built CLI).
 */
import { existsSync } from 'node:fs';
import { BUILT_CLI } from '../support/serve-process';
import { runSoak, SOAK_SIZES } from './soak-run';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--short');
  if (unknown.length > 0) {
    process.stderr.write(`usage: soak [--short]\nunknown: ${unknown.join(' ')}\n`);
    return 2;
  }
  if (!existsSync(BUILT_CLI)) {
    process.stderr.write(`${BUILT_CLI} is missing: run pnpm build first\n`);
    return 2;
  }
  const report = await runSoak(SOAK_SIZES[args.includes('--short') ? 'short' : 'full'], (line) =>
    process.stderr.write(`${line}\n`),
  );
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return report.goalsMet ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
