import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Caller } from '../features/auth/caller';
import { ApiError } from '../errors';
import { withSupergraphNames } from './supergraph/root-field-names';

/** Root fields anyone may call: signing in, and the schema itself (it is published anyway). */
const PUBLIC_ROOT_FIELDS = new Set([
  ...withSupergraphNames('Mutation', ['login']),
  'spendsyncCompleteSsoSignIn',
  'spendsyncSignInOptions',
  '__typename',
  '__schema',
  '__type',
  '_service',
]);
/** Mutations any signed-in caller may make about themselves. */
const SELF_MUTATIONS = new Set([
  ...withSupergraphNames('Mutation', ['login', 'logout', 'changePassword']),
  'spendsyncCompleteSsoSignIn',
  '__typename',
]);
/** All a user who must change their password may do until they have. */
const BEFORE_PASSWORD_CHANGE = new Set([
  ...withSupergraphNames('Mutation', ['changePassword', 'logout']),
  ...withSupergraphNames('Query', ['me']),
  '__typename',
  '__schema',
  '__type',
]);
/** Mutations allowed to metering clients (admins and tokens with canRecordUsage). */
const USAGE_MUTATIONS = new Set(withSupergraphNames('Mutation', ['recordMeteredUsage']));

function rootFields(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    return rootFields(fragment.selectionSet, fragments, new Set(seen).add(fragment.name.value));
  });
}

/** The operation a request runs (by name, or the only one). */
export function selectOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

/**
 * Default-deny, checked before anything executes: without a caller only public root fields
 * run, and mutations need an admin unless they are about the caller or report usage. Resolvers
 * check again (and scope by organization); this is the net under them, so a resolver that
 * forgets still cannot be reached by the wrong caller.
 */
export function checkOperationAccess(
  caller: Caller | null,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ApiError | null {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields = rootFields(operation.selectionSet, fragments);
  if (!caller) {
    if (operation.operation !== 'subscription' && fields.every((f) => PUBLIC_ROOT_FIELDS.has(f))) return null;
    return new ApiError('UNAUTHENTICATED', 'Sign in (or send an API token) to use the spendsync API.');
  }
  if (caller.passwordChangeRequired && !fields.every((f) => BEFORE_PASSWORD_CHANGE.has(f))) {
    return new ApiError(
      'PASSWORD_CHANGE_REQUIRED',
      'Change your password first (changePassword); until then only changePassword, logout and me work.',
    );
  }
  if (operation.operation !== 'mutation') return null;
  for (const field of fields) {
    if (SELF_MUTATIONS.has(field)) continue;
    if (USAGE_MUTATIONS.has(field) ? caller.canRecordUsage : caller.role === 'admin') continue;
    return new ApiError('FORBIDDEN', 'Only admins can change things; your account can read but not edit.');
  }
  return null;
}
