import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const exchangeUnbound: Rule = {
  id: RULE_ID.EXCHANGE_UNBOUND,
  statement: 'Every token-exchange role binds subject tokens to one issuer (bound_issuer) and at least one audience (bound_audiences).',
  severity: 'error',
  explanation:
    'The identity-delegation plugin skips the issuer and audience checks when they are empty: the role then accepts an ID token from any provider signed with a key in its JWKS, including providers whose users never delegated to the actor, and the plugin does not read may_act itself.',
  fix: 'Set bound_issuer to the issuer of the one provider whose ID tokens name the actor in may_act, and bound_audiences to that provider\'s client_id.',
  check({ model }) {
    return model.exchangeRoles.flatMap((role) => {
      const missing = [...(role.boundIssuer ? [] : ['bound_issuer']), ...(role.boundAudiences.length > 0 ? [] : ['bound_audiences'])];
      return missing.length === 0
        ? []
        : [{ resource: role.address, message: `exchange role "${role.mount}/role/${role.name}" has no ${missing.join(' and no ')}, so it accepts subject tokens from any issuer or client` }];
    });
  },
};
