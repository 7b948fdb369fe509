import { isUnionType, type GraphQLSchema } from 'graphql';
import { ApiError } from '../../errors';

type Representation = { __typename?: unknown };

/** Most representations one `_entities` call may ask for: a router batches per query, far below this. */
export const MAX_REPRESENTATIONS = 1_000;

/**
 * Makes `_entities` refuse representations of a type spendsync does not own with a clear
 * BAD_USER_INPUT error naming the types it resolves (by default @apollo/subgraph throws a plain
 * Error, masked as "Unexpected error." and logged as a server fault, although the caller erred),
 * and more than {@link MAX_REPRESENTATIONS} of them at once (each is a database lookup).
 */
export function guardEntities(schema: GraphQLSchema): void {
  const entities = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!entities?.resolve || !isUnionType(union)) return;
  const known = new Set(union.getTypes().map((type) => type.name));
  const resolve = entities.resolve;
  entities.resolve = (source, args: { representations?: Representation[] }, context, info) => {
    if ((args.representations?.length ?? 0) > MAX_REPRESENTATIONS) {
      throw new ApiError(
        'BAD_USER_INPUT',
        `_entities takes at most ${MAX_REPRESENTATIONS} representations per call; split the request.`,
        {
          field: 'representations',
        },
      );
    }
    const unknown = (args.representations ?? []).find(
      (representation) => !known.has(String(representation.__typename)),
    );
    if (unknown) {
      throw new ApiError(
        'BAD_USER_INPUT',
        `spendsync does not resolve entities of type "${String(unknown.__typename)}"; it resolves ${[...known].join(', ')}.`,
        {
          field: 'representations',
        },
      );
    }
    return resolve(source, args, context, info);
  };
}
