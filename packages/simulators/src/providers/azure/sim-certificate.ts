import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** A key and a self-signed certificate, both PEM; the certificate is also the CA to trust. */
export type SimulatorCertificate = { readonly key: string; readonly cert: string };

/**
 * Generates a fresh self-signed certificate for the simulator, valid for 127.0.0.1, ::1,
 * localhost and `host`. The Azure SDKs refuse plain http, so the simulator must serve https;
 * a certificate made per run means no private key is ever committed.
 */
export async function createSimulatorCertificate(host = '127.0.0.1'): Promise<SimulatorCertificate> {
  const names = new Set(['127.0.0.1', '::1', 'localhost', host]);
  const altNames = [...names].map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'spendsync Azure simulator' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 30 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
