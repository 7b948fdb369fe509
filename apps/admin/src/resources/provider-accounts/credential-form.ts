import type { LinkProviderData, UpdateCredentialsData } from '../../data-provider';
import { ApiRequestError } from '../../data-provider/errors';
import type { CredentialField, ProviderEnum, ProviderInfo } from '../../data-provider/records';

/** The values of the Link Provider and Edit credentials forms. */
export type CredentialFormValues = {
  provider?: ProviderEnum | '' | null;
  label?: string | null;
  /** One value per credential field of the provider, by field name. */
  credentials?: Record<string, string | null | undefined> | null;
  /** "Paste JSON instead": the whole credential object as JSON text. */
  pasteJson?: boolean;
  credentialsJson?: string | null;
  /** A simulator or proxy instead of the provider (only where the server allows it). */
  endpoint?: string | null;
};

/** Form errors by input path (`credentials.apiKey`, `credentialsJson`, `label`), as react-admin's form takes them. */
export type FormErrors = Record<string, string>;

/** The input name of a credential field. */
export const credentialInput = (field: Pick<CredentialField, 'name'>) => `credentials.${field.name}`;

/** The JSON input's name. */
export const JSON_INPUT = 'credentialsJson';

/** Where errors that belong to no input go (shown above the form). */
export const GENERAL_ERROR = 'root.serverError';

type Result<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** An example of the credential JSON for the "Paste JSON instead" box. */
export function jsonTemplate(fields: readonly CredentialField[]): string {
  const example = Object.fromEntries(fields.map((f) => [f.name, f.placeholder ?? (f.optional ? '(optional)' : '…')]));
  return JSON.stringify(example, null, 2);
}

function parseJsonCredentials(source: string | null | undefined): Result<Record<string, unknown>> {
  const json = text(source);
  if (!json) return { ok: false, errors: { [JSON_INPUT]: 'Paste the credential as a JSON object.' } };
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, errors: { [JSON_INPUT]: 'The credential must be a JSON object such as {"apiKey": "…"}.' } };
  } catch (error) {
    return { ok: false, errors: { [JSON_INPUT]: `This is not valid JSON (${(error as Error).message}).` } };
  }
}

/**
 * The credential object from the form: the pasted JSON, or the provider's fields (values
 * trimmed, empty optional fields left out, empty required ones refused by name).
 */
export function readCredentials(
  fields: readonly CredentialField[],
  values: CredentialFormValues,
): Result<Record<string, unknown>> {
  if (values.pasteJson) return parseJsonCredentials(values.credentialsJson);
  const credentials: Record<string, string> = {};
  const errors: FormErrors = {};
  for (const field of fields) {
    const value = text(values.credentials?.[field.name]);
    if (value) credentials[field.name] = value;
    else if (!field.optional) errors[credentialInput(field)] = `Enter the ${field.label}.`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: credentials };
}

/** The `linkProvider` input from the Link Provider form, or what to fix first. */
export function buildLinkData(info: ProviderInfo | undefined, values: CredentialFormValues): Result<LinkProviderData> {
  if (!info) return { ok: false, errors: { provider: 'Choose the platform to link.' } };
  const credentials = readCredentials(info.credentialFields, values);
  if (!credentials.ok) return credentials;
  return {
    ok: true,
    value: {
      provider: info.id,
      label: text(values.label) || info.label,
      credentials: credentials.value,
      endpoint: text(values.endpoint) || null,
    },
  };
}

/** The `updateProviderCredentials` input from the Edit credentials form (label and endpoint only when changed). */
export function buildUpdateData(
  fields: readonly CredentialField[],
  values: CredentialFormValues,
  current: { label: string; endpoint: string | null },
): Result<UpdateCredentialsData> {
  const credentials = readCredentials(fields, values);
  if (!credentials.ok) return credentials;
  const data: UpdateCredentialsData = { credentials: credentials.value };
  const label = text(values.label);
  if (label && label !== current.label) data.label = label;
  const endpoint = text(values.endpoint) || null;
  if (endpoint !== current.endpoint) data.endpoint = endpoint;
  return { ok: true, value: data };
}

/** The input an API field path belongs to: `credentials.serviceAccount.private_key` → `credentials.serviceAccount`. */
function inputFor(apiField: string, fields: readonly CredentialField[], pasteJson: boolean): string | null {
  const [head, name] = apiField.split('.');
  if (head === 'label' || head === 'endpoint' || head === 'provider') return head;
  if (head !== 'credentials') return null;
  if (pasteJson) return JSON_INPUT;
  const field = fields.find((f) => f.name === name);
  return field ? credentialInput(field) : null;
}

/**
 * Where to show an API error in the form: each issue next to the input it names (in JSON mode
 * every credential issue goes to the JSON box); an error that names no input (the provider is
 * down, a rate limit) is shown above the form.
 */
export function formErrorsFromApi(error: unknown, fields: readonly CredentialField[], pasteJson: boolean): FormErrors {
  if (!(error instanceof ApiRequestError))
    return { [GENERAL_ERROR]: (error as Error)?.message || 'Something went wrong; try again.' };
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const input = inputFor(issue.field, fields, pasteJson);
    if (input && !errors[input]) errors[input] = issue.message;
  }
  if (Object.keys(errors).length === 0) errors[GENERAL_ERROR] = error.message;
  return errors;
}
