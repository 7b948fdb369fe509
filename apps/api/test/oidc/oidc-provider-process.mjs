// A real OpenID provider (npm oidc-provider) for the single sign-on tests, run as its own node
// process (oidc-provider is ESM-only). Each interaction signs in the "next account" at once; a
// small control API under /__test sets the client, that account, and a one-shot tampering of the
// next ID token (re-signed with the provider's own key, so only the tampered claim is wrong).
// Prints one JSON line {"issuer": "..."} on stdout when listening.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
const accounts = new Map();
let nextAccount = { email: 'user@example.com', email_verified: true };
let tamper = null;
let provider = null;

const readJson = (req) =>
  new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
    req.on('error', reject);
  });

function createProvider(issuer, client) {
  const p = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-only-cookie-key'] },
    claims: { openid: ['sub', 'spendsync_role'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) =>
      accounts.has(id) ? { accountId: id, claims: () => ({ sub: id, ...accounts.get(id) }) } : undefined,
    // Consent is implied: the test user always agrees to what spendsync asks for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['sub', 'email', 'email_verified', 'spendsync_role', 'name']);
      await grant.save();
      return grant;
    },
  });
  p.use(async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || !tamper || !ctx.body?.id_token) return;
    const claims = { ...decodeJwt(ctx.body.id_token), ...tamper.claims };
    if (tamper.expired) Object.assign(claims, { iat: claims.iat - 7200, exp: claims.iat - 3600 });
    tamper = null;
    const idToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(privateKey);
    ctx.body = { ...ctx.body, id_token: idToken };
  });
  return p;
}

async function control(req, res, issuer) {
  const body = await readJson(req);
  if (req.url === '/__test/setup') provider = createProvider(issuer, body);
  else if (req.url === '/__test/next-account') nextAccount = body;
  else if (req.url === '/__test/tamper') tamper = body;
  else return res.writeHead(404).end();
  res.writeHead(204).end();
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    const accountId = randomUUID();
    accounts.set(accountId, nextAccount);
    return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }
  const grant = new provider.Grant({ clientId: details.params.client_id, accountId: details.session.accountId });
  grant.addOIDCScope('openid email profile');
  return provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

const server = http.createServer((req, res) => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const handle = req.url.startsWith('/__test/')
    ? control(req, res, issuer)
    : !provider
      ? Promise.resolve(res.writeHead(503).end('not set up'))
      : req.url.startsWith('/interaction/')
        ? interaction(req, res)
        : Promise.resolve(provider.callback()(req, res));
  handle.catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    if (!res.headersSent) res.writeHead(500).end(String(error.message));
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
