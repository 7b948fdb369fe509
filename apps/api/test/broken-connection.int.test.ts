import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { testDatabaseUrl } from './test-data-source';

/** Runs the child to its end: its exit code and the JSON lines it printed. */
function runChild(): Promise<{ code: number | null; events: Record<string, unknown>[]; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@spendsync/source',
      '-r',
      path.join(__dirname, 'support', 'swc-register.cjs'),
      path.join(__dirname, 'support', 'broken-connection-child.ts'),
      testDatabaseUrl(),
    ],
    { cwd: path.resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) =>
      resolve({
        code,
        stderr,
        events: stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    ),
  );
}

describe('a database connection PostgreSQL ends while it is checked out', () => {
  it('fails its statement and the next one, and the process and its pool carry on', async () => {
    const { code, events, stderr } = await runChild();
    expect({ code, stderr: stderr.includes("Unhandled 'error' event") ? stderr : '' }).toEqual({ code: 0, stderr: '' });
    expect(events).toEqual([
      {
        step: 'statement',
        outcome: expect.stringMatching(/^failed: terminating connection due to administrator command/),
      },
      { step: 'idle connection', outcome: expect.stringMatching(/^failed: /) },
      { step: 'pool after', one: 1, broken: [expect.any(String), expect.any(String)] },
      { step: 'done' },
    ]);
  }, 60_000);
});
