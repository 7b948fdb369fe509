import { describe, expect, it } from '@jest/globals';
import { ApiRequestError } from '../../data-provider/errors';
import { buildBedrockInfo, buildProviderInfo } from '../../test/builders';
import { buildLinkData, buildUpdateData, formErrorsFromApi, jsonTemplate, readCredentials } from './credential-form';

const openai = buildProviderInfo();
const bedrock = buildBedrockInfo();

describe('readCredentials', () => {
  it("reads each field of the provider, trimmed, leaving out empty optional ones and other providers' leftovers", () => {
    const values = {
      credentials: {
        accessKeyId: ' AKIAEXAMPLE ',
        secretAccessKey: 's3cr3t',
        region: '  ',
        apiKey: 'left from OpenAI',
      },
    };
    expect(readCredentials(bedrock.credentialFields, values)).toEqual({
      ok: true,
      value: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3cr3t' },
    });
  });

  it('names every empty required field', () => {
    expect(readCredentials(bedrock.credentialFields, { credentials: { region: 'eu-west-1' } })).toEqual({
      ok: false,
      errors: {
        'credentials.accessKeyId': 'Enter the Access key ID.',
        'credentials.secretAccessKey': 'Enter the Secret access key.',
      },
    });
  });

  it.each([
    ['{"apiKey": "sk-admin-1"}', { ok: true, value: { apiKey: 'sk-admin-1' } }],
    ['', { ok: false, errors: { credentialsJson: 'Paste the credential as a JSON object.' } }],
    [
      '["sk-admin-1"]',
      { ok: false, errors: { credentialsJson: 'The credential must be a JSON object such as {"apiKey": "…"}.' } },
    ],
    [
      '"sk-admin-1"',
      { ok: false, errors: { credentialsJson: 'The credential must be a JSON object such as {"apiKey": "…"}.' } },
    ],
  ])('reads pasted JSON %j', (json, expected) => {
    expect(
      readCredentials(openai.credentialFields, {
        pasteJson: true,
        credentialsJson: json,
        credentials: { apiKey: 'ignored' },
      }),
    ).toEqual(expected);
  });

  it('says why pasted text is not JSON', () => {
    const result = readCredentials(openai.credentialFields, { pasteJson: true, credentialsJson: '{"apiKey": ' });
    expect(result).toMatchObject({
      ok: false,
      errors: { credentialsJson: expect.stringMatching(/^This is not valid JSON \(.+\)\.$/) },
    });
  });
});

describe('buildLinkData', () => {
  it('asks for a platform first', () => {
    expect(buildLinkData(undefined, {})).toEqual({ ok: false, errors: { provider: 'Choose the platform to link.' } });
  });

  it('builds the linkProvider input, naming the account after the platform by default', () => {
    expect(
      buildLinkData(openai, { credentials: { apiKey: 'sk-admin-abc' }, endpoint: ' http://127.0.0.1:4010/v1 ' }),
    ).toEqual({
      ok: true,
      value: {
        provider: 'OPENAI',
        label: 'OpenAI',
        credentials: { apiKey: 'sk-admin-abc' },
        endpoint: 'http://127.0.0.1:4010/v1',
      },
    });
  });

  it("keeps the admin's label and sends no endpoint when none is given", () => {
    expect(
      buildLinkData(openai, { label: ' Research org ', credentials: { apiKey: 'sk-admin-abc' }, endpoint: '' }),
    ).toMatchObject({
      ok: true,
      value: { label: 'Research org', endpoint: null },
    });
  });
});

describe('buildUpdateData', () => {
  const current = { label: 'OpenAI', endpoint: null };
  it('sends the new credential only, when label and endpoint are unchanged', () => {
    expect(
      buildUpdateData(openai.credentialFields, { label: 'OpenAI', credentials: { apiKey: 'sk-admin-new' } }, current),
    ).toEqual({
      ok: true,
      value: { credentials: { apiKey: 'sk-admin-new' } },
    });
  });
  it('sends a changed label and endpoint', () => {
    const values = { label: 'Prod', endpoint: 'http://127.0.0.1:1', credentials: { apiKey: 'sk-admin-new' } };
    expect(buildUpdateData(openai.credentialFields, values, current)).toEqual({
      ok: true,
      value: { credentials: { apiKey: 'sk-admin-new' }, label: 'Prod', endpoint: 'http://127.0.0.1:1' },
    });
  });
  it('clears an endpoint the admin emptied', () => {
    expect(
      buildUpdateData(openai.credentialFields, { credentials: { apiKey: 'k' } }, { label: 'x', endpoint: 'http://a' }),
    ).toMatchObject({ value: { endpoint: null } });
  });
});

describe('formErrorsFromApi', () => {
  const projectKey = 'apiKey is a project key (sk-proj-…), which cannot read usage or costs.';
  const rejected = new ApiRequestError(projectKey, 'CREDENTIALS_INVALID', {
    field: 'credentials.apiKey',
    issues: [{ field: 'credentials.apiKey', message: projectKey }],
  });

  it.each([
    ['beside the field it names', rejected, false, { 'credentials.apiKey': projectKey }],
    ['in the JSON box in JSON mode', rejected, true, { credentialsJson: projectKey }],
    [
      'beside a field of a nested path',
      new ApiRequestError('bad key file', 'CREDENTIALS_INVALID', { field: 'credentials.secretAccessKey.x' }),
      false,
      { 'credentials.secretAccessKey': 'bad key file' },
    ],
    [
      'beside the endpoint',
      new ApiRequestError('Custom endpoints are turned off', 'BAD_USER_INPUT', { field: 'endpoint' }),
      false,
      { endpoint: 'Custom endpoints are turned off' },
    ],
    [
      'above the form when no input is named',
      new ApiRequestError('OpenAI did not answer in time', 'PROVIDER_UNAVAILABLE'),
      false,
      { 'root.serverError': 'OpenAI did not answer in time' },
    ],
    [
      'above the form for an unknown credential field',
      new ApiRequestError('Unknown field', 'CREDENTIALS_INVALID', { field: 'credentials.nope' }),
      false,
      { 'root.serverError': 'Unknown field' },
    ],
    ['above the form for a network failure', new Error('fetch failed'), false, { 'root.serverError': 'fetch failed' }],
  ])('shows the error %s', (_name, error, pasteJson, expected) => {
    expect(formErrorsFromApi(error, bedrock.credentialFields.concat(openai.credentialFields), pasteJson)).toEqual(
      expected,
    );
  });

  it('shows every issue of a multi-field error beside its field', () => {
    const error = new ApiRequestError('accessKeyId is missing', 'CREDENTIALS_INVALID', {
      field: 'credentials.accessKeyId',
      issues: [
        { field: 'credentials.accessKeyId', message: 'accessKeyId is missing' },
        { field: 'credentials.secretAccessKey', message: 'secretAccessKey is missing' },
      ],
    });
    expect(formErrorsFromApi(error, bedrock.credentialFields, false)).toEqual({
      'credentials.accessKeyId': 'accessKeyId is missing',
      'credentials.secretAccessKey': 'secretAccessKey is missing',
    });
  });
});

describe('jsonTemplate', () => {
  it('shows every field with its placeholder', () => {
    expect(JSON.parse(jsonTemplate(bedrock.credentialFields))).toEqual({
      accessKeyId: 'AKIA…',
      secretAccessKey: '…',
      region: 'us-east-1',
    });
  });
});
