export { loadApiConfig } from './load';
export type { ApiConfig, Env, OidcConfig } from './load';
export type { OidcDomainRule } from './schema/oidc';
export { ConfigError } from './config-error';
export type { ConfigProblem } from './config-error';
export {
  installMasterKey,
  MASTER_KEY_FILE,
  previousKeysFile,
  reloadMasterKeyring,
  resolveMasterKey,
  resolveMasterKeyring,
} from './master-key';
export type { MasterKeyring } from './master-key';
export type { WarnLogger } from './master-key';
export { describeConfig } from './describe-config';
export type { ConfigSummary } from './describe-config';
export { NODE_ENVS } from './schema/api';
export type { NodeEnv } from './schema/api';
export { LOG_LEVELS } from './schema/logging';
export type { LogLevel } from './schema/logging';
export { MASTER_KEY_BYTES, decodeMasterKey } from './schema/crypto';
export { MIN_ADMIN_PASSWORD_LENGTH } from './schema/auth';
export { PUBSUB_BACKENDS } from './schema/pubsub';
export type { PubSubBackend } from './schema/pubsub';
export { loadToolingConfig } from './tooling';
export type { ToolingConfig } from './tooling';
