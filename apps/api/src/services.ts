import { providers as registry, type AdapterDeps, type Logger as AdapterLogger, type ProviderDefinition } from '@spendsync/adapters';
import type { ProviderId } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from './database/pg-pool';
import { createApiKeyService, type ApiKeyService } from './features/api-keys/api-key.service';
import { createApiTokenService, type ApiTokenService } from './features/api-tokens/api-token.service';
import { createAuditService, type AuditService } from './features/audit/audit.service';
import { createAlertEventService, type AlertEventService } from './features/budgets/alert-event.service';
import { createBudgetEvaluator, type BudgetEvaluator } from './features/budgets/budget-evaluation.service';
import { createBudgetService, type BudgetService } from './features/budgets/budget.service';
import { createAuthService, type AuthService } from './features/auth/auth.service';
import { createLoginLimiter, type LoginLimits } from './features/auth/login-limiter';
import { createMeteredUsageService, type MeteredUsageService } from './features/metered-usage/metered-usage.service';
import { createModelService, type ModelService } from './features/models/model.service';
import { createDeliveryLogService, type DeliveryLogService } from './features/notifications/delivery-log.service';
import { createDeliveryWorker, type DeliveryWorker } from './features/notifications/delivery-worker';
import { createNotificationChannelService, type NotificationChannelService } from './features/notifications/notification-channel.service';
import type { SenderDeps } from './features/notifications/send-notification';
import { createOrganizationService, type OrganizationService } from './features/organizations/organization.service';
import type { CredentialCipher } from './features/provider-accounts/credential-cipher';
import { createProviderAccountService, type ProviderAccountService } from './features/provider-accounts/provider-account.service';
import { createProviderLinkService, type ProviderLinkService } from './features/provider-accounts/provider-link.service';
import { createSyncRunReadService, type SyncRunReadService } from './features/sync-runs/sync-run-read.service';
import { createSyncRunsService } from './features/sync-runs/sync-runs.service';
import type { SyncEngine } from './features/sync/sync-engine.types';
import type { SyncPubSub } from './features/sync/sync.topics';
import { createUserService, type UserService } from './features/users/user.service';
import { createWorkspaceService, type WorkspaceService } from './features/workspaces/workspace.service';
import type { Logger } from './logger';

/** Everything resolvers and routes call; built once per process. */
export type ApiServices = {
  readonly dataSource: DataSource;
  readonly auth: AuthService;
  readonly users: UserService;
  readonly organizations: OrganizationService;
  readonly apiTokens: ApiTokenService;
  readonly providerAccounts: ProviderAccountService;
  readonly providerLinks: ProviderLinkService;
  readonly providers: { readonly [K in ProviderId]?: ProviderDefinition<any> };
  readonly workspaces: WorkspaceService;
  readonly apiKeys: ApiKeyService;
  readonly models: ModelService;
  readonly syncRuns: SyncRunReadService;
  readonly meteredUsage: MeteredUsageService;
  /** The append-only audit log of changes made through the API. */
  readonly audit: AuditService;
  readonly budgets: BudgetService;
  readonly budgetEvaluator: BudgetEvaluator;
  readonly alertEvents: AlertEventService;
  readonly channels: NotificationChannelService;
  readonly deliveryLog: DeliveryLogService;
  /** Sends queued notifications; `main` starts its poll, alerts and tests kick it. */
  readonly deliveryWorker: DeliveryWorker;
  /** True when the email channel can send (SPENDSYNC_SMTP_URL and SPENDSYNC_SMTP_FROM set). */
  readonly emailConfigured: boolean;
  /** The sync engine's events (progress, log lines), for subscriptions. */
  readonly pubsub: SyncPubSub;
  readonly now: () => Date;
};

/** What the services are built from. */
export type ApiServicesDeps = {
  /** Initialized and migrated. */
  dataSource: DataSource;
  cipher: CredentialCipher;
  pubsub: SyncPubSub;
  /** Starts sync runs (the sync engine). */
  sync: Pick<SyncEngine, 'trigger'>;
  logger: Logger;
  /** SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS. */
  allowCustomEndpoints: boolean;
  /** Provider definitions; default the adapters registry. */
  providers?: { readonly [K in ProviderId]?: ProviderDefinition<any> };
  /** Extra deps for the verification call (tests shorten retries). */
  adapterDeps?: Partial<AdapterDeps>;
  verifyTimeoutMs?: number;
  /** Notification sending: links back to the UI, SMTP, timeouts (default: links to http://localhost:4000, no email). */
  notifications?: Omit<SenderDeps, 'allowCustomEndpoints' | 'now'>;
  loginLimits?: LoginLimits;
  now?: () => Date;
};

/** Adapters log through pino at their own level (they redact their secrets first). */
function adapterLogger(logger: Logger): AdapterLogger {
  const child = logger.child({ component: 'adapter' });
  return {
    debug: (message, fields) => child.debug(fields ?? {}, message),
    info: (message, fields) => child.info(fields ?? {}, message),
    warn: (message, fields) => child.warn(fields ?? {}, message),
    error: (message, fields) => child.error(fields ?? {}, message),
  };
}

/** Builds the API's services over one data source. */
export function createApiServices(deps: ApiServicesDeps): ApiServices {
  const pool = pgPoolOf(deps.dataSource);
  const now = deps.now ?? (() => new Date());
  const providers = deps.providers ?? registry;
  const users = createUserService(pool);
  const providerAccounts = createProviderAccountService(pool, deps.cipher);
  const budgets = createBudgetService(pool);
  const channels = createNotificationChannelService({ pool, cipher: deps.cipher, allowCustomEndpoints: deps.allowCustomEndpoints });
  const sender: SenderDeps = { publicUrl: 'http://localhost:4000', ...deps.notifications, allowCustomEndpoints: deps.allowCustomEndpoints };
  const deliveryWorker = createDeliveryWorker({ pool, channels, sender, logger: deps.logger, now });
  const kick = () => void deliveryWorker.processDue().catch((err: unknown) => deps.logger.warn({ err: String(err) }, 'Sending notifications failed; the poll retries'));
  const budgetEvaluator = createBudgetEvaluator({ pool, budgets, pubsub: deps.pubsub, logger: deps.logger, now, onDeliveriesQueued: kick });
  const baseAdapterDeps: AdapterDeps = { fetch: globalThis.fetch, now, logger: adapterLogger(deps.logger), ...deps.adapterDeps };
  return {
    dataSource: deps.dataSource,
    auth: createAuthService({ pool, users, limiter: createLoginLimiter(deps.loginLimits), now }),
    users,
    organizations: createOrganizationService(pool),
    apiTokens: createApiTokenService(pool),
    providerAccounts,
    providerLinks: createProviderLinkService({
      accounts: providerAccounts, sync: deps.sync, providers, adapterDeps: () => baseAdapterDeps,
      allowCustomEndpoints: deps.allowCustomEndpoints, verifyTimeoutMs: deps.verifyTimeoutMs,
    }),
    providers,
    workspaces: createWorkspaceService(pool),
    apiKeys: createApiKeyService(pool),
    models: createModelService(pool),
    syncRuns: createSyncRunReadService(pool, createSyncRunsService(pool)),
    meteredUsage: createMeteredUsageService(pool),
    audit: createAuditService(pool),
    budgets, budgetEvaluator, alertEvents: createAlertEventService(pool), channels, deliveryLog: createDeliveryLogService(pool), deliveryWorker,
    emailConfigured: Boolean(sender.smtp),
    pubsub: deps.pubsub,
    now,
  };
}
