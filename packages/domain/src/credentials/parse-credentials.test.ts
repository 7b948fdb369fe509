import { describe, expect, it } from '@jest/globals';
import { PROVIDER_IDS, type ProviderId } from '../provider-id';
import { buildCredentials } from '../testing';
import { CREDENTIAL_GUIDES } from './credential-guides';
import { CREDENTIAL_SCHEMAS } from './credential-schemas';
import { parseCredentials } from './parse-credentials';

describe('CREDENTIAL_SCHEMAS', () => {
  it.each(PROVIDER_IDS)('%s: accepts its test credentials and parsing them again changes nothing', (provider) => {
    const credentials = buildCredentials(provider);
    const once = CREDENTIAL_SCHEMAS[provider].parse(credentials);
    expect(once).toEqual(credentials);
    expect(CREDENTIAL_SCHEMAS[provider].parse(once)).toEqual(once);
  });
});

describe('CREDENTIAL_GUIDES', () => {
  it.each(PROVIDER_IDS)('%s: lists exactly the fields its schema reads, required ones as required', (provider) => {
    const guide = CREDENTIAL_GUIDES[provider];
    const credentials = buildCredentials(provider) as Record<string, unknown>;
    const names = guide.fields.map((f) => f.name);
    for (const key of Object.keys(credentials)) expect(names).toContain(key);
    for (const field of guide.fields) {
      const without = { ...credentials };
      delete without[field.name];
      expect([field.name, CREDENTIAL_SCHEMAS[provider].safeParse(without).success]).toEqual([
        field.name,
        field.optional === true,
      ]);
    }
    expect(guide.label).not.toBe('');
    expect(guide.keyType).not.toBe('');
    expect(guide.whereToCreate).not.toBe('');
  });
});

describe('parseCredentials', () => {
  it.each(PROVIDER_IDS)('%s: accepts its credentials as an object and as pasted JSON', (provider) => {
    const credentials = buildCredentials(provider);
    expect(parseCredentials(provider, credentials)).toEqual({ ok: true, value: credentials });
    expect(parseCredentials(provider, `\n${JSON.stringify(credentials, null, 2)}\n`)).toEqual({
      ok: true,
      value: credentials,
    });
  });

  it('returns one issue per bad field', () => {
    const result = parseCredentials('azure', {
      tenantId: 'nope',
      clientId: 'nope',
      clientSecret: '',
      subscriptionId: 'nope',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual(['tenantId', 'clientId', 'clientSecret', 'subscriptionId']);
  });

  it('refuses an OpenAI project key with the Admin key guidance, without echoing it', () => {
    const key = 'sk-proj-Secret1234567890abcdef';
    const result = parseCredentials('openai', JSON.stringify({ apiKey: key }));
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          field: 'apiKey',
          message: expect.stringMatching(/project key.*Organization Admin key.*Settings → Organization → Admin keys/),
        },
      ],
    });
    expect(JSON.stringify(result)).not.toContain(key);
  });

  it('normalizes the OpenRouter managementKey alias', () => {
    const { apiKey, provisioningKey } = buildCredentials('openrouter');
    expect(parseCredentials('openrouter', { apiKey, managementKey: provisioningKey })).toEqual({
      ok: true,
      value: { apiKey, provisioningKey },
    });
  });

  it.each<[ProviderId, string, RegExp]>([
    ['openai', '{"apiKey": "sk-admin-abc"', /not valid JSON; paste a JSON object with the fields apiKey$/],
    ['litellm', 'sk-1234', /not valid JSON; paste a JSON object with the fields apiKey, baseUrl$/],
    ['openai', '"sk-admin-abc"', /must be a JSON object with the fields apiKey$/],
    ['openai', '[]', /must be a JSON object/],
    ['openai', 'null', /must be a JSON object/],
    ['openrouter', '', /not valid JSON; paste a JSON object with the fields apiKey, provisioningKey$/],
  ])('%s: refuses %p as a whole', (provider, input, message) => {
    const result = parseCredentials(provider, input);
    expect(result).toEqual({ ok: false, issues: [{ field: '', message: expect.stringMatching(message) }] });
    expect(JSON.stringify(result)).not.toContain('sk-admin-abc');
  });

  it.each([null, undefined, 42, ['apiKey']])('refuses %p as not an object', (input) => {
    expect(parseCredentials('runway', input)).toEqual({
      ok: false,
      issues: [{ field: '', message: 'Credentials must be a JSON object with the fields apiKey' }],
    });
  });

  it('reports an unknown provider on the provider field', () => {
    expect(parseCredentials('mistral' as ProviderId, {})).toEqual({
      ok: false,
      issues: [{ field: 'provider', message: 'Unknown provider' }],
    });
  });

  it('keeps non-secret values a message names (AWS region, key file type)', () => {
    const aws = parseCredentials('aws-bedrock', { ...buildCredentials('aws-bedrock'), region: 'cn-north-1' });
    expect(aws).toEqual({
      ok: false,
      issues: [
        { field: 'region', message: expect.stringContaining('region cn-north-1 is in the AWS China partition') },
      ],
    });
    const sa = { ...buildCredentials('vertex-ai').serviceAccount, type: 'authorized_user' };
    const vertex = parseCredentials('vertex-ai', { ...buildCredentials('vertex-ai'), serviceAccount: sa });
    expect(vertex).toEqual({
      ok: false,
      issues: [{ field: 'serviceAccount', message: expect.stringContaining('(it is "authorized_user")') }],
    });
  });

  it('never returns a secret value in any message, whatever the provider', () => {
    const secretish = 'sk-ant-api03-TopSecretValue-1234567890';
    for (const provider of PROVIDER_IDS) {
      const input: Record<string, unknown> = {};
      for (const field of CREDENTIAL_GUIDES[provider].fields) input[field.name] = secretish;
      input.managementKey = secretish;
      const result = parseCredentials(provider, input);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('TopSecretValue');
    }
  });
});
