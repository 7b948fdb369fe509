import { AnomalySettingsEntity } from './features/anomalies/anomaly-settings.entity';
import { Anomaly } from './features/anomalies/anomaly.entity';
import { ApiKey } from './features/api-keys/api-key.entity';
import { BudgetAlertEvent } from './features/budgets/budget-alert-event.entity';
import { Budget } from './features/budgets/budget.entity';
import { NotificationChannel } from './features/notifications/notification-channel.entity';
import { NotificationDeliveryAttempt } from './features/notifications/notification-delivery-attempt.entity';
import { NotificationDelivery } from './features/notifications/notification-delivery.entity';
import { ApiToken } from './features/api-tokens/api-token.entity';
import { AuditEvent } from './features/audit/audit-event.entity';
import { KnownSignInAddress } from './features/auth/known-sign-in-address.entity';
import { LoginThrottle } from './features/auth/login-throttle.entity';
import { Session } from './features/auth/session.entity';
import { CreditBalanceSnapshot } from './features/credit-runway/credit-balance-snapshot.entity';
import { CreditGrant } from './features/credit-runway/credit-grant.entity';
import { RunwayAlertSetting } from './features/credit-runway/runway-alert-setting.entity';
import { RunwayAlertState } from './features/credit-runway/runway-alert-state.entity';
import { CostRecordEntity } from './features/cost-records/cost-record.entity';
import { MeteredUsageIdempotencyKey } from './features/metered-usage/metered-usage-idempotency-key.entity';
import { MeteredUsage } from './features/metered-usage/metered-usage.entity';
import { Organization } from './features/organizations/organization.entity';
import { ProviderAccount } from './features/provider-accounts/provider-account.entity';
import { SsoSignInAttempt } from './features/sso/sso-sign-in-attempt.entity';
import { SsoSignInCode } from './features/sso/sso-sign-in-code.entity';
import { SyncLogEntry } from './features/sync-runs/sync-log-entry.entity';
import { SyncRun } from './features/sync-runs/sync-run.entity';
import { User } from './features/users/user.entity';
import { WorkspaceNameChange } from './features/workspaces/workspace-name-change.entity';
import { Workspace } from './features/workspaces/workspace.entity';

/** Every entity, listed by hand so a missing one is a visible diff rather than a glob surprise. */
export const ENTITIES = [
  Organization,
  User,
  ProviderAccount,
  Workspace,
  WorkspaceNameChange,
  ApiKey,
  CostRecordEntity,
  MeteredUsage,
  MeteredUsageIdempotencyKey,
  SyncRun,
  SyncLogEntry,
  Session,
  ApiToken,
  AuditEvent,
  Budget,
  BudgetAlertEvent,
  NotificationChannel,
  NotificationDelivery,
  NotificationDeliveryAttempt,
  Anomaly,
  AnomalySettingsEntity,
  LoginThrottle,
  KnownSignInAddress,
  CreditBalanceSnapshot,
  CreditGrant,
  RunwayAlertSetting,
  RunwayAlertState,
  SsoSignInAttempt,
  SsoSignInCode,
];
