import type { Day } from '@spendsync/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderAccount } from '../provider-accounts/provider-account.entity';
import { PROVIDER_ACCOUNT_JOIN } from '../provider-accounts/provider-account.relation';
import type { SyncTrigger } from '../provider-accounts/account-sync-trigger';

/** A run's life: queued → running → succeeded | partial (some days missed) | failed. */
export const SYNC_RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** One sync of one provider account over a half-open window of days (DESIGN.md §5). */
@Entity({ name: 'sync_runs' })
@Index('sync_runs_provider_account_id_created_at_idx', ['providerAccountId', 'createdAt'])
@Index('sync_runs_organization_id_created_at_idx', ['organizationId', 'createdAt'])
@Index('sync_runs_job_id_idx', ['jobId'])
@Check('sync_runs_trigger_check', `trigger IN ('link', 'schedule', 'manual')`)
@Check('sync_runs_status_check', `status IN ('queued', 'running', 'succeeded', 'partial', 'failed')`)
@Check('sync_runs_window_check', 'window_start <= window_end')
export class SyncRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  providerAccountId: string;

  @ManyToOne(() => ProviderAccount, { onDelete: 'CASCADE' })
  @JoinColumn(PROVIDER_ACCOUNT_JOIN)
  providerAccount?: ProviderAccount;

  @Column({ type: 'text' })
  trigger: SyncTrigger;

  /** First day of the window (included). */
  @Column({ type: 'date' })
  windowStart: Day;

  /** Day after the window (excluded). */
  @Column({ type: 'date' })
  windowEnd: Day;

  @Column({ type: 'text', default: 'queued' })
  status: SyncRunStatus;

  /** When the run was queued. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Touched by a live worker; a running run whose heartbeat went stale was killed and gets closed. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  workspaceCount: number;

  @Column({ type: 'integer', default: 0 })
  apiKeyCount: number;

  @Column({ type: 'integer', default: 0 })
  recordCount: number;

  /** What went wrong, free of secrets. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Days a partial run could not fetch; the next run picks them up. */
  @Column({ type: 'date', array: true, default: () => "'{}'" })
  missingDays: Day[];

  /** The queue job this run was started for (worker role); null for in-process and CLI runs. */
  @Column({ type: 'uuid', nullable: true })
  jobId?: string | null;
}
