import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** What the next sign-in at the test provider signs in as (its claims). */
export type TestAccount = { email: string; email_verified: boolean; spendsync_role?: string | string[] };

/** A one-shot change to the next ID token: claims to overwrite, or an expiry an hour ago. */
export type IdTokenTamper = { claims?: Record<string, unknown>; expired?: boolean };

/** A running oidc-provider in its own process (see oidc-provider-process.mjs). */
export type TestOidcProvider = {
  readonly issuer: string;
  readonly pid: number;
  /** Registers spendsync as the one client. */
  setup(client: { clientId: string; clientSecret: string; redirectUris: string[] }): Promise<void>;
  setNextAccount(account: TestAccount): Promise<void>;
  tamperNextIdToken(tamper: IdTokenTamper): Promise<void>;
  stop(): Promise<void>;
};

/** The script's path, for harnesses outside this package (the admin's Playwright harness). */
export const TEST_OIDC_PROVIDER_SCRIPT = path.join(__dirname, 'oidc-provider-process.mjs');

/** Starts the provider on a free port (or `port`) and resolves once it listens. */
export async function startTestOidcProvider(port = 0): Promise<TestOidcProvider> {
  const child = spawn(process.execPath, [TEST_OIDC_PROVIDER_SCRIPT, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`oidc-provider did not start: ${stderr}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  const post = async (what: string, body: unknown) => {
    const response = await fetch(`${issuer}/__test/${what}`, { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`oidc-provider ${what}: HTTP ${response.status}`);
  };
  return {
    issuer,
    pid: child.pid!,
    setup: (client) => post('setup', client),
    setNextAccount: (account) => post('next-account', account),
    tamperNextIdToken: (tamper) => post('tamper', tamper),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
