import {
  getArgumentValues,
  getNamedType,
  Kind,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Caller } from '../auth/caller';
import type { Logger } from '../../logger';
import type { AuditService } from './audit.service';
import { redactAuditInput } from './redact-audit-input';

/** One executed operation, as either transport has it after execution. */
export type ExecutedOperation = {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown> | undefined | null;
  caller: Caller | null;
  clientAddress: string;
  result: {
    data?: Record<string, unknown> | null;
    errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  };
};

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/** The id a mutation acted on: an `id`/`…Id` argument, else the id of what it returned. */
function targetIdOf(args: Record<string, unknown>, data: unknown): string | null {
  if (isId(args.id)) return args.id;
  const argId = Object.entries(args).find(([key, value]) => /Id$/.test(key) && isId(value));
  if (argId) return argId[1] as string;
  const input = args.input as Record<string, unknown> | undefined;
  if (input && isId(input.id)) return input.id;
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if (isId(record.id)) return record.id;
    for (const nested of Object.values(record)) {
      if (nested && typeof nested === 'object' && isId((nested as Record<string, unknown>).id))
        return (nested as Record<string, unknown>).id as string;
    }
  }
  return null;
}

/**
 * Records every root field of a mutation that a signed-in caller sent, succeeded or not (a
 * viewer's refused attempt is worth knowing about too): the action, its target, its input
 * with secrets redacted, and the outcome. Never throws: a failed write is logged, and the
 * caller's answer is not held up by it.
 */
export async function recordMutationAudit(
  deps: { audit: AuditService; logger: Logger },
  executed: ExecutedOperation,
): Promise<void> {
  const { schema, operation, caller, result } = executed;
  if (operation.operation !== 'mutation' || !caller) return;
  const mutationType = schema.getMutationType();
  if (!mutationType) return;
  const fields = operation.selectionSet.selections.filter(
    (s): s is FieldNode => s.kind === Kind.FIELD && s.name.value !== '__typename',
  );
  for (const field of fields) {
    const definition = mutationType.getFields()[field.name.value];
    if (!definition) continue;
    const key = field.alias?.value ?? field.name.value;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(definition, field, executed.variables ?? {});
    } catch {
      args = {}; // arguments that did not coerce: the operation failed before running
    }
    const error =
      result.errors?.find((e) => e.path?.[0] === key) ??
      (result.data?.[key] === undefined ? result.errors?.[0] : undefined);
    const data = result.data?.[key];
    try {
      await deps.audit.record({
        caller,
        clientAddress: executed.clientAddress,
        action: definition.name,
        targetType: getNamedType(definition.type).name,
        targetId: targetIdOf(args, data),
        changes: { input: redactAuditInput(args) as Record<string, unknown> },
        outcome: error || data === undefined || data === null ? 'failed' : 'succeeded',
        errorCode: error ? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : null,
      });
    } catch (failure) {
      deps.logger.error({ err: failure, action: definition.name }, 'Could not write the audit log');
    }
  }
}
