import { describe, expect, it } from '@jest/globals';
import { ZVertexAiCredentials } from './vertex-ai';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const key = {
  type: 'service_account',
  project_id: 'my-proj',
  private_key_id: 'abc123',
  private_key: PEM,
  client_email: 'reader@my-proj.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
  universe_domain: 'googleapis.com',
};
const valid = { serviceAccount: key, billingTable: 'my-proj.billing.gcp_billing_export_v1_012345_6789AB_CDEF01' };
const issuesOf = (input: unknown) =>
  ZVertexAiCredentials.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ZVertexAiCredentials', () => {
  it('accepts the key file as an object, keeps its other fields and defaults the location to US', () => {
    const parsed = ZVertexAiCredentials.parse(valid);
    expect(parsed.serviceAccount).toEqual({ ...key, private_key: PEM.trim() });
    expect(parsed.location).toBe('US');
    expect(parsed.billingTable).toBe(valid.billingTable);
  });

  it('accepts the key file as JSON text', () => {
    expect(
      ZVertexAiCredentials.parse({ ...valid, serviceAccount: JSON.stringify(key) }).serviceAccount.client_email,
    ).toBe(key.client_email);
  });

  it('turns a private key with literal \\n sequences back into lines', () => {
    const escaped = { ...key, private_key: PEM.replace(/\n/g, '\\n') };
    expect(ZVertexAiCredentials.parse({ ...valid, serviceAccount: escaped }).serviceAccount.private_key).toBe(
      PEM.trim(),
    );
  });

  it.each([
    ['`my-proj.billing.export_v1`', 'my-proj.billing.export_v1'],
    ['my-proj:billing.export_v1', 'my-proj.billing.export_v1'],
    [' demo.ds.table-1 ', 'demo.ds.table-1'],
  ])('normalizes the billing table %p to %p', (billingTable, expected) => {
    expect(ZVertexAiCredentials.parse({ ...valid, billingTable }).billingTable).toBe(expected);
  });

  it.each([
    ['eu', 'EU'],
    ['US', 'US'],
    ['europe-west4', 'europe-west4'],
    ['', 'US'],
  ])('reads the location %p as %p', (location, expected) => {
    expect(ZVertexAiCredentials.parse({ ...valid, location }).location).toBe(expected);
  });

  it.each([
    [undefined, ['vertex-ai', 'partner-models', 'gemini-api']],
    ['', ['vertex-ai', 'partner-models', 'gemini-api']],
    ['gemini-api, Vertex-AI', ['vertex-ai', 'gemini-api']],
    [['partner-models', 'partner-models'], ['partner-models']],
  ])('reads the services %p as %p', (services, expected) => {
    expect(ZVertexAiCredentials.parse({ ...valid, services }).services).toEqual(expected);
  });

  it.each([
    [
      { services: 'vertex-ai, bigquery' },
      'services',
      /services has unknown "bigquery": give any of vertex-ai, partner-models, gemini-api/,
    ],
    [{ services: ' , ' }, 'services', /services is empty/],
    [
      { serviceAccount: undefined },
      'serviceAccount',
      /serviceAccount is required.*Service accounts → .*Keys → Add key → JSON/,
    ],
    [{ serviceAccount: '{"type": "service_account", ' }, 'serviceAccount', /serviceAccount is not valid JSON/],
    [{ serviceAccount: [] }, 'serviceAccount', /must be the service-account key file/],
    [
      { serviceAccount: { ...key, type: 'authorized_user' } },
      'serviceAccount',
      /type must be "service_account" \(it is "authorized_user"\)/,
    ],
    [{ serviceAccount: { ...key, type: undefined } }, 'serviceAccount', /type must be "service_account":/],
    [{ serviceAccount: { ...key, private_key: undefined } }, 'serviceAccount', /serviceAccount.private_key is missing/],
    [{ serviceAccount: { ...key, client_email: '' } }, 'serviceAccount', /serviceAccount.client_email is missing/],
    [{ serviceAccount: { ...key, project_id: 7 } }, 'serviceAccount', /serviceAccount.project_id is missing/],
    [{ serviceAccount: { ...key, client_email: 'reader' } }, 'serviceAccount', /client_email is not an email address/],
    [
      { serviceAccount: { ...key, private_key: 'not-a-key' } },
      'serviceAccount',
      /private_key is not a PEM private key/,
    ],
    [
      { billingTable: 'dataset.table' },
      'billingTable',
      /project\.dataset\.table.*Billing → Billing export → BigQuery export/,
    ],
    [{ billingTable: 'My_Proj.ds.table' }, 'billingTable', /billingTable is not a table name/],
    [{ billingTable: 'a.b.c.d' }, 'billingTable', /billingTable is not a table name/],
    [{ billingTable: undefined }, 'billingTable', /billingTable is required/],
    [{ location: 'mars' }, 'location', /location must be the dataset location/],
  ])('rejects %p on %s', (change, field, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[0]).toBe(field);
    expect(issues[0]?.[1]).toMatch(message);
    expect(issues[0]?.[1]).not.toContain('MIIE');
  });

  it('never quotes the key file when its JSON is broken', () => {
    const broken = JSON.stringify(key).slice(0, -1);
    const message = issuesOf({ ...valid, serviceAccount: broken })[0]?.[1] ?? '';
    expect(message).not.toContain('PRIVATE');
    expect(message).not.toContain('reader@');
  });
});
