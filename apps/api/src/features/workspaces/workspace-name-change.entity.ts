import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from './workspace.entity';

/** One rename of a workspace's display name; the history lets an admin revert to any earlier name. */
@Entity({ name: 'workspace_name_changes' })
@Index('workspace_name_changes_workspace_id_changed_at_idx', ['workspaceId', 'changedAt'])
export class WorkspaceNameChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  /** Display name before the change; null means the provider's name was shown. */
  @Column({ type: 'text', nullable: true })
  oldName: string | null;

  /** Display name after the change; null means "back to the provider's name". */
  @Column({ type: 'text', nullable: true })
  newName: string | null;

  /** Who renamed it (a user id or a system actor), when known. */
  @Column({ type: 'text', nullable: true })
  changedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
