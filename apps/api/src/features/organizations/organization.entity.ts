import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant. Every other table carries its id so data can be scoped and distributed by it. */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** False when an admin turned password sign-in off: members sign in with single sign-on only. */
  @Column({ type: 'boolean', default: true })
  passwordSignInEnabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
