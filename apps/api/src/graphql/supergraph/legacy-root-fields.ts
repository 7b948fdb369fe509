import {
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { SUPERGRAPH_ROOT_FIELDS, type RootTypeName } from './root-field-names';

/** Resolvers as type-graphql's `createResolversMap` returns them. */
type ResolverMap = Record<string, Record<string, unknown>>;

/** A root field kept under its old name for direct clients: `Query.me` for `Query.spendsyncViewer`. */
export type LegacyRootField = { type: RootTypeName; legacyName: string; name: string };

const isRootType = (type: string): type is RootTypeName => Object.hasOwn(SUPERGRAPH_ROOT_FIELDS, type);

function deprecated(reason: string): FieldDefinitionNode['directives'] {
  return [
    {
      kind: Kind.DIRECTIVE,
      name: { kind: Kind.NAME, value: 'deprecated' },
      arguments: [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'reason' },
          value: { kind: Kind.STRING, value: reason },
        },
      ],
    },
  ];
}

function renameRootFields(
  node: ObjectTypeDefinitionNode,
  type: RootTypeName,
  legacy: LegacyRootField[],
): ObjectTypeDefinitionNode {
  const renames: Record<string, string> = SUPERGRAPH_ROOT_FIELDS[type];
  const current: FieldDefinitionNode[] = [];
  const aliases: FieldDefinitionNode[] = [];
  for (const field of node.fields ?? []) {
    const name = renames[field.name.value];
    if (!name) {
      current.push(field);
      continue;
    }
    current.push({ ...field, name: { kind: Kind.NAME, value: name } });
    aliases.push({ ...field, directives: [...(field.directives ?? []), ...deprecated(`Use ${name}.`)!] });
    legacy.push({ type, legacyName: field.name.value, name });
  }
  return { ...node, fields: [...current, ...aliases] };
}

/**
 * Publishes the root fields under their `spendsync…` names (SUPERGRAPH_ROOT_FIELDS) and keeps
 * each old name as a deprecated alias with the same arguments, type and resolver. Returns the
 * rewritten type definitions and the aliases (which the subgraph SDL leaves out).
 */
export function addLegacyRootFields(
  typeDefs: DocumentNode,
  resolvers: ResolverMap,
): { typeDefs: DocumentNode; legacy: LegacyRootField[] } {
  const legacy: LegacyRootField[] = [];
  const definitions = typeDefs.definitions.map((definition): DefinitionNode =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && isRootType(definition.name.value)
      ? renameRootFields(definition, definition.name.value, legacy)
      : definition,
  );
  for (const { type, legacyName, name } of legacy)
    resolvers[type] = { ...resolvers[type], [name]: resolvers[type]?.[legacyName] };
  return { typeDefs: { ...typeDefs, definitions }, legacy };
}
