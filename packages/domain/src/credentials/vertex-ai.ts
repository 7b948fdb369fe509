import { z } from 'zod';
import { optionalField, requiredText } from './text-field';

const CREATE_KEY =
  'create one in Google Cloud console → IAM & Admin → Service accounts → (account) → Keys → Add key → JSON, and paste the whole file';

/** The fields of a service-account key file that spendsync relies on; the rest is kept for google-auth. */
export type ServiceAccountKey = {
  type: 'service_account';
  project_id: string;
  client_email: string;
  private_key: string;
  [field: string]: unknown;
};

/** Reads the key file given as an object or as JSON text, or explains what is wrong with it. */
function readServiceAccount(input: unknown): ServiceAccountKey | string {
  let key = input;
  if (typeof key === 'string') {
    try {
      key = JSON.parse(key);
    } catch {
      // The parser's own message quotes the input, which holds the private key: never pass it on.
      return `serviceAccount is not valid JSON; ${CREATE_KEY}`;
    }
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    return `serviceAccount must be the service-account key file (a JSON object); ${CREATE_KEY}`;
  }
  const fields = key as Record<string, unknown>;
  if (fields.type !== 'service_account') {
    const kind = typeof fields.type === 'string' ? ` (it is "${fields.type.slice(0, 40)}")` : '';
    return `serviceAccount.type must be "service_account"${kind}: user and workload-identity credentials are not supported; ${CREATE_KEY}`;
  }
  for (const name of ['project_id', 'client_email', 'private_key'] as const) {
    const value = fields[name];
    if (typeof value !== 'string' || value.trim() === '') return `serviceAccount.${name} is missing; ${CREATE_KEY}`;
  }
  const email = (fields.client_email as string).trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return `serviceAccount.client_email is not an email address; ${CREATE_KEY}`;
  // Keys copied through an environment variable often carry the two characters "\n" instead of newlines.
  const privateKey = (fields.private_key as string).replace(/\\n/g, '\n').trim();
  if (!/^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA )?PRIVATE KEY-----$/.test(privateKey)) {
    return `serviceAccount.private_key is not a PEM private key; ${CREATE_KEY}`;
  }
  return {
    ...fields,
    type: 'service_account',
    project_id: (fields.project_id as string).trim(),
    client_email: email,
    private_key: privateKey,
  };
}

const ZServiceAccount = z.unknown().transform((input, ctx): ServiceAccountKey => {
  if (input === undefined || input === null) {
    ctx.addIssue({ code: 'custom', message: `serviceAccount is required; ${CREATE_KEY}` });
    return z.NEVER;
  }
  const key = readServiceAccount(input);
  if (typeof key === 'string') {
    ctx.addIssue({ code: 'custom', message: key });
    return z.NEVER;
  }
  return key;
});

const TABLE_HELP =
  'give the BigQuery billing export table as project.dataset.table (e.g. my-project.billing.gcp_billing_export_v1_012345_6789AB_CDEF01); ' +
  'find it in Google Cloud console → Billing → Billing export → BigQuery export';
// Project ids: lower-case letters, digits and hyphens; datasets: letters, digits, underscores;
// tables may also hold hyphens (and other Unicode letters, which billing exports never use).
const TABLE = /^[a-z][a-z0-9-]*[a-z0-9]\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]+$/;

/** `project.dataset.table`; the `project:dataset.table` form and surrounding backticks are accepted too. */
const ZBillingTable = requiredText('billingTable', TABLE_HELP)
  .transform((text) => text.replace(/^`(.*)`$/, '$1').replace(/^([^.:]+):/, '$1.'))
  .superRefine((table, ctx) => {
    if (!TABLE.test(table))
      ctx.addIssue({ code: 'custom', message: `billingTable is not a table name; ${TABLE_HELP}` });
  });

const ZLocation = requiredText('location', 'give the dataset location, e.g. US, EU or europe-west4')
  .transform((loc) => (/^(us|eu)$/i.test(loc) ? loc.toUpperCase() : loc))
  .superRefine((loc, ctx) => {
    if (!/^(US|EU|[a-z]+-[a-z]+\d+)$/.test(loc)) {
      ctx.addIssue({
        code: 'custom',
        message: 'location must be the dataset location: US, EU or a region such as europe-west4',
      });
    }
  });

/**
 * Which billing-export services count as this account's AI spend: `vertex-ai` (the Vertex AI
 * service), `partner-models` (Claude, Llama, Mistral… served on Vertex but billed under their own
 * Marketplace service names) and `gemini-api` (Gemini through AI Studio, the Generative Language
 * API). All three unless the account says otherwise.
 */
export const VERTEX_SERVICE_GROUPS = ['vertex-ai', 'partner-models', 'gemini-api'] as const;
export type VertexServiceGroup = (typeof VERTEX_SERVICE_GROUPS)[number];

const SERVICES_HELP = `give any of ${VERTEX_SERVICE_GROUPS.join(', ')}, separated by commas (leave empty for all)`;

/** A list, or comma-separated text as a form sends it; duplicates dropped, order fixed. */
const ZServices = z
  .union([z.array(z.string()), z.string()], { error: `services must be a list or text: ${SERVICES_HELP}` })
  .transform((value, ctx): VertexServiceGroup[] => {
    const names = (Array.isArray(value) ? value : value.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean);
    const unknown = names.filter((n) => !(VERTEX_SERVICE_GROUPS as readonly string[]).includes(n));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `services ${unknown.length > 0 ? `has unknown ${unknown.map((n) => `"${n.slice(0, 30)}"`).join(', ')}` : 'is empty'}: ${SERVICES_HELP}`,
      });
      return z.NEVER;
    }
    return VERTEX_SERVICE_GROUPS.filter((g) => names.includes(g));
  });

/** Google Vertex AI spend read from the Cloud Billing export in BigQuery. */
export const ZVertexAiCredentials = z.object({
  /** The service-account key file, as an object or as its JSON text. */
  serviceAccount: ZServiceAccount,
  /** The billing export table, `project.dataset.table`. */
  billingTable: ZBillingTable,
  /** Location of the export dataset (queries must run there); defaults to `US`. */
  location: optionalField(ZLocation).transform((loc) => loc ?? 'US'),
  /** The service groups to read; all of {@link VERTEX_SERVICE_GROUPS} when not given. */
  services: optionalField(ZServices).transform((list) => list ?? [...VERTEX_SERVICE_GROUPS]),
});

export type VertexAiCredentials = z.infer<typeof ZVertexAiCredentials>;
