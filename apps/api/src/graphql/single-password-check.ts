import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Root fields that check a password (each a slow scrypt run): the supergraph names and the old ones. */
const PASSWORD_FIELDS = new Set(['login', 'spendsyncLogin', 'changePassword', 'spendsyncChangePassword']);

/**
 * At most one password check per request: aliases (`a: changePassword(…) b: changePassword(…)`)
 * would otherwise try hundreds of guesses in one request, each a scrypt run that starves
 * sign-ins, and slip past the per-attempt limits. Counted over the whole document.
 */
export function singlePasswordCheckRule(context: ValidationContext): ASTVisitor {
  let checks = 0;
  return {
    Field(node) {
      if (!PASSWORD_FIELDS.has(node.name.value)) return;
      checks += 1;
      if (checks === 2) {
        context.reportError(
          new GraphQLError(
            'A request may check a password only once; send one sign-in or password change per request.',
            { nodes: node },
          ),
        );
      }
    },
  };
}
