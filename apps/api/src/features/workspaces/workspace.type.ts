import type { ProviderId } from '@spendsync/domain';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ProviderEnum } from '../../graphql/provider.enum';

/** A provider's workspace / project / linked account, as seen through one provider account. */
@Directive('@key(fields: "id")')
@ObjectType('Workspace', { description: 'A workspace (project, linked account, resource group) at a provider.' })
export class WorkspaceObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  providerAccountId: string;

  @Field(() => ProviderEnum)
  provider: ProviderId;

  @Field({ description: "The provider's id for it." })
  externalId: string;

  @Field(() => String, { nullable: true, description: "The provider's own name, refreshed by each sync." })
  providerName: string | null;

  @Field(() => String, { nullable: true, description: "The admin's rename; null shows the provider's name." })
  customName: string | null;

  @Field({
    description: "What dashboards show: the admin's name, else the provider's, else its id. Equal names are combined.",
  })
  displayName: string;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  /** Not a GraphQL field: scopes nested fields. */
  organizationId: string;
}

/** One rename of a workspace. */
@ObjectType('WorkspaceNameChange', { description: "One change of a workspace's display name." })
export class WorkspaceNameChangeObject {
  @Field(() => ID, { description: 'Pass to revertWorkspaceName to undo this change.' })
  id: string;

  @Field(() => ID)
  workspaceId: string;

  @Field(() => String, { nullable: true, description: "The name before; null means the provider's name was shown." })
  oldName: string | null;

  @Field(() => String, { nullable: true, description: "The name after; null means back to the provider's name." })
  newName: string | null;

  @Field(() => String, { nullable: true, description: 'Who changed it (their email).' })
  changedBy: string | null;

  @Field()
  changedAt: Date;
}
