// What production code (the API, the CLI, the demo) needs from the adapters: the registry, the
// adapter contract, the one error type and the redacting logger. The HTTP plumbing the adapters
// are built on (createHttpClient, paginate, retry helpers) stays inside this package; test helpers
// and the contract suite are `@spendsync/adapters/testing`, wire formats `@spendsync/adapters/wire/<id>`.
export type {
  AdapterCapabilities,
  AdapterDeps,
  ApiKeyRef,
  BillingAdapter,
  CreditBalance,
  ProviderDefinition,
  VerifyResult,
  WorkspaceRef,
} from './adapter';
export { ADAPTER_ERROR_CODES, AdapterError, isAdapterError } from './errors';
export type { AdapterErrorCode } from './errors';
export { createRedactingLogger, redactSecrets, silentLogger } from './logger';
export type { LogFields, Logger } from './logger';
export type { RetryPolicy } from './http';
export { getProvider, providers } from './registry';
export { createGuardedFetch } from './outbound/guarded-fetch';
export { ALLOWED_HOSTS_VARIABLE, compileOutboundPolicy, outboundRefusal } from './outbound/outbound-policy';
export type { CompiledOutboundPolicy, OutboundPolicy } from './outbound/outbound-policy';
export { OutboundRefusedError, findOutboundRefusal } from './outbound/outbound-refused-error';
