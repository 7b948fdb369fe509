import {
  createGuardedFetch,
  providers as registry,
  type AdapterDeps,
  type Logger as AdapterLogger,
  type ProviderDefinition,
} from '@spendsync/adapters';
import type { OidcConfig } from '@spendsync/config';
import type { ProviderId } from '@spendsync/domain';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from './database/pg-pool';
import {
  createAnomalySettingsService,
  type AnomalySettingsService,
} from './features/anomalies/anomaly-settings.service';
import { createAnomalyService, type AnomalyService } from './features/anomalies/anomaly.service';
import { createApiKeyService, type ApiKeyService } from './features/api-keys/api-key.service';
import { createApiTokenService, type ApiTokenService } from './features/api-tokens/api-token.service';
import { createAuditService, type AuditService } from './features/audit/audit.service';
import { createAlertEventService, type AlertEventService } from './features/budgets/alert-event.service';
import { createBudgetEvaluator, type BudgetEvaluator } from './features/budgets/budget-evaluation.service';
import { createBudgetService, type BudgetService } from './features/budgets/budget.service';
import { createAuthService, type AuthService } from './features/auth/auth.service';
import { createCreditGrantService, type CreditGrantService } from './features/credit-runway/credit-grant.service';
import { createCreditRunwayService, type CreditRunwayService } from './features/credit-runway/credit-runway.service';
import { createRunwayAlerts, type RunwayAlerts } from './features/credit-runway/runway-alerts';
import { createDashboardService, type DashboardService } from './features/dashboards/dashboard.service';
import { createLoginLimiter, type LoginLimits } from './features/auth/login-limiter';
import { createExportService, type ExportService } from './features/exports/export.service';
import {
  createReconciliationService,
  type ReconciliationService,
} from './features/reconciliation/reconciliation.service';
import { createMeteredUsageService, type MeteredUsageService } from './features/metered-usage/metered-usage.service';
import { createModelService, type ModelService } from './features/models/model.service';
import { createDeliveryLogService, type DeliveryLogService } from './features/notifications/delivery-log.service';
import {
  createDeliveryWorker,
  kickDeliveryWorker,
  type DeliveryWorker,
} from './features/notifications/delivery-worker';
import {
  createNotificationChannelService,
  type NotificationChannelService,
} from './features/notifications/notification-channel.service';
import type { SenderDeps } from './features/notifications/send-notification';
import { createOrganizationService, type OrganizationService } from './features/organizations/organization.service';
import type { CredentialCipher } from './features/provider-accounts/credential-cipher';
import {
  createProviderAccountService,
  type ProviderAccountService,
} from './features/provider-accounts/provider-account.service';
import {
  createProviderLinkService,
  type ProviderLinkService,
} from './features/provider-accounts/provider-link.service';
import { createSyncRunReadService, type SyncRunReadService } from './features/sync-runs/sync-run-read.service';
import type { SyncRun } from './features/sync-runs/sync-run.entity';
import type { SyncRunsService } from './features/sync-runs/sync-runs.service';
import type { SyncEngine } from './features/sync/sync-engine.types';
import type { SyncPubSub } from './features/sync/sync-pubsub';
import { createSsoService, type SsoService } from './features/sso/sso.service';
import { createUserService, type UserService } from './features/users/user.service';
import { createWorkspaceService, type WorkspaceService } from './features/workspaces/workspace.service';
import type { Logger } from './logger';

/** Everything resolvers and routes call; built once per process. */
export type ApiServices = {
  readonly auth: AuthService;
  /** Single sign-on (OpenID Connect) and the organization's sign-in settings. */
  readonly sso: SsoService;
  readonly users: UserService;
  readonly organizations: OrganizationService;
  readonly apiTokens: ApiTokenService;
  readonly providerAccounts: ProviderAccountService;
  readonly providerLinks: ProviderLinkService<SyncRun>;
  readonly providers: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  readonly workspaces: WorkspaceService;
  readonly apiKeys: ApiKeyService;
  readonly models: ModelService;
  /** The dashboards and cost over time (resolvers read them here, not from the pool). */
  readonly dashboards: DashboardService;
  readonly syncRuns: SyncRunReadService;
  /** The CSV and FOCUS downloads' row streams. */
  readonly exports: ExportService;
  readonly reconciliation: ReconciliationService;
  /** Stored anomalies (list, acknowledge) and each organization's thresholds and routes. */
  readonly anomalies: AnomalyService;
  readonly anomalySettings: AnomalySettingsService;
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
  /** Credit grants admins enter, runways of balances and grants, and their notifications. */
  readonly creditGrants: CreditGrantService;
  readonly creditRunways: CreditRunwayService;
  readonly runwayAlerts: RunwayAlerts;
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
  /** The sync runs store the engine writes (shared with the read side). */
  runs: SyncRunsService;
  logger: Logger;
  /** SPENDSYNC_ALLOW_CUSTOM_ENDPOINTS. */
  allowCustomEndpoints: boolean;
  /** SPENDSYNC_LITELLM_ALLOWED_HOSTS: private hosts provider calls may reach (default none). */
  litellmAllowedHosts?: readonly string[];
  /** Provider definitions; default the adapters registry. */
  providers?: { readonly [K in ProviderId]?: ProviderDefinition<unknown> };
  /**
   * Extra deps for the verification call (tests shorten retries). Without a `fetch`, provider calls
   * use {@link providerFetchOf}'s guarded fetch.
   */
  adapterDeps?: Partial<AdapterDeps>;
  verifyTimeoutMs?: number;
  /** Notification sending: links back to the UI, SMTP, timeouts (default: links to http://localhost:4000, no email). */
  notifications?: Omit<SenderDeps, 'allowCustomEndpoints' | 'now'>;
  loginLimits?: LoginLimits;
  /** Single sign-on (SPENDSYNC_OIDC_*); absent: password sign-in only. */
  oidc?: OidcConfig;
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

/**
 * The fetch every provider call goes through: connects only where the outbound policy allows (never
 * metadata addresses; private ones only with custom endpoints on or SPENDSYNC_LITELLM_ALLOWED_HOSTS),
 * checked on the address actually connected to, and never follows a redirect.
 */
export function providerFetchOf(
  deps: Pick<ApiServicesDeps, 'allowCustomEndpoints' | 'litellmAllowedHosts'>,
): typeof fetch {
  return createGuardedFetch({ allowPrivate: deps.allowCustomEndpoints, allowedHosts: deps.litellmAllowedHosts ?? [] });
}

/** Builds the API's services over one data source (called by app.ts, the composition root). */
export function createApiServices(deps: ApiServicesDeps): ApiServices {
  const pool = pgPoolOf(deps.dataSource);
  const now = deps.now ?? (() => new Date());
  const providers = deps.providers ?? registry;
  const users = createUserService(pool);
  const organizations = createOrganizationService(pool);
  const audit = createAuditService(pool);
  const auth = createAuthService({
    pool,
    users,
    organizations,
    limiter: createLoginLimiter(pool, deps.loginLimits, now),
    now,
  });
  const providerAccounts = createProviderAccountService(pool, deps.cipher);
  const budgets = createBudgetService(pool);
  const channels = createNotificationChannelService({
    pool,
    cipher: deps.cipher,
    allowCustomEndpoints: deps.allowCustomEndpoints,
  });
  const sender: SenderDeps = {
    publicUrl: 'http://localhost:4000',
    ...deps.notifications,
    allowCustomEndpoints: deps.allowCustomEndpoints,
  };
  const deliveryWorker = createDeliveryWorker({ pool, channels, sender, logger: deps.logger, now });
  const kick = kickDeliveryWorker(deliveryWorker, deps.logger);
  const budgetEvaluator = createBudgetEvaluator({
    pool,
    budgets,
    pubsub: deps.pubsub,
    logger: deps.logger,
    now,
    onDeliveriesQueued: kick,
  });
  const creditGrants = createCreditGrantService(pool);
  const creditRunways = createCreditRunwayService({ pool, grants: creditGrants, now });
  const runwayAlerts = createRunwayAlerts({
    pool,
    runways: creditRunways,
    logger: deps.logger,
    now,
    onDeliveriesQueued: kick,
  });
  const baseAdapterDeps: AdapterDeps = {
    now,
    logger: adapterLogger(deps.logger),
    ...deps.adapterDeps,
    fetch: deps.adapterDeps?.fetch ?? providerFetchOf(deps),
  };
  return {
    auth,
    sso: createSsoService({ pool, auth, users, organizations, audit, logger: deps.logger, now, oidc: deps.oidc }),
    users,
    organizations,
    apiTokens: createApiTokenService(pool),
    providerAccounts,
    providerLinks: createProviderLinkService({
      accounts: providerAccounts,
      sync: deps.sync,
      providers,
      adapterDeps: () => baseAdapterDeps,
      allowCustomEndpoints: deps.allowCustomEndpoints,
      verifyTimeoutMs: deps.verifyTimeoutMs,
    }),
    providers,
    workspaces: createWorkspaceService(pool),
    apiKeys: createApiKeyService(pool),
    models: createModelService(pool),
    dashboards: createDashboardService(pool),
    syncRuns: createSyncRunReadService(pool, deps.runs),
    exports: createExportService(pool),
    reconciliation: createReconciliationService(pool),
    anomalies: createAnomalyService(pool),
    anomalySettings: createAnomalySettingsService(pool),
    meteredUsage: createMeteredUsageService(pool),
    audit,
    budgets,
    budgetEvaluator,
    alertEvents: createAlertEventService(pool),
    channels,
    deliveryLog: createDeliveryLogService(pool),
    deliveryWorker,
    creditGrants,
    creditRunways,
    runwayAlerts,
    emailConfigured: Boolean(sender.smtp),
    pubsub: deps.pubsub,
    now,
  };
}
