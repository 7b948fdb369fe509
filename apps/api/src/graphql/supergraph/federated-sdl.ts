import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  print,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import type { LegacyRootField } from './legacy-root-fields';

/** The fields named by an object type's `@key(fields: "…")` directives (flat keys only, as ours are). */
function keyFields(node: ObjectTypeDefinitionNode): Set<string> | null {
  const keys = (node.directives ?? []).filter((directive) => directive.name.value === 'key');
  if (keys.length === 0) return null;
  const names = keys.flatMap((key) => {
    const fields = key.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    return fields ? print(fields).replace(/^"|"$/g, '').split(/\s+/) : [];
  });
  return new Set(names);
}

/**
 * Through a router, another subgraph may hand spendsync a reference it cannot show (an id of
 * another organization, or one deleted since): `_entities` answers null for it, and the router
 * then nulls every spendsync field of that object. Declared non-null, one such field would null
 * its parents up to the whole response; advertised nullable, only that object's spendsync
 * fields are null and its siblings stay. (Spendsync never returns null for them otherwise.)
 */
function relaxEntityFields(node: ObjectTypeDefinitionNode): ObjectTypeDefinitionNode {
  const keys = keyFields(node);
  if (!keys) return node;
  const fields = (node.fields ?? []).map((field): FieldDefinitionNode =>
    field.type.kind === Kind.NON_NULL_TYPE && !keys.has(field.name.value) ? { ...field, type: field.type.type } : field,
  );
  return { ...node, fields };
}

/**
 * The subgraph SDL a router composes (`_service { sdl }`): the schema without the legacy root
 * aliases (they are everyone's names, `me`, `users`, and would clash) and with the spendsync
 * fields of entities nullable (see relaxEntityFields). Direct clients get the full schema.
 */
export function printFederatedSdl(typeDefs: DocumentNode, legacy: readonly LegacyRootField[]): string {
  const hidden = new Set(legacy.map((field) => `${field.type}.${field.legacyName}`));
  const definitions = typeDefs.definitions.map((definition): DefinitionNode => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const fields = definition.fields?.filter((field) => !hidden.has(`${definition.name.value}.${field.name.value}`));
    return relaxEntityFields({ ...definition, fields });
  });
  return `${printSubgraphSchema(buildSubgraphSchema({ typeDefs: { ...typeDefs, definitions } })).trim()}\n`;
}
