import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SyncRun } from './sync-run.entity';

/** Severity of a sync log line. */
export const SYNC_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type SyncLogLevel = (typeof SYNC_LOG_LEVELS)[number];

/** One line of a sync run's log, as shown live in the admin UI. Never contains credentials. */
@Entity({ name: 'sync_log_entries' })
@Index('sync_log_entries_run_id_id_idx', ['runId', 'id'])
@Check('sync_log_entries_level_check', `level IN ('debug', 'info', 'warn', 'error')`)
export class SyncLogEntry {
  /** Identity: orders lines of a run exactly, even when two share a timestamp. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => SyncRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: SyncRun;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'text' })
  level: SyncLogLevel;

  @Column({ type: 'text' })
  message: string;
}
