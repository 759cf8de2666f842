import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const rarOptional: Rule = {
  id: RULE_ID.RAR_OPTIONAL,
  statement: 'Every agent registration and resource-server profile keeps authorization_details (RAR) mandatory (optional_authorization_details is not true).',
  severity: 'error',
  explanation:
    'With RAR mandatory a token only works for the exact paths and capabilities its authorization_details name, on top of the ACL policies; optional RAR lets one stolen token do everything the agent (or, on a profile, every agent of that issuer) may do. Making it optional is an exception that needs a reason.',
  fix: 'Remove optional_authorization_details (false is the default), or suppress this finding with the reason (a topology writes its optionalAuthorizationDetails reason into the resource as such a suppression).',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const reg of model.registrations) {
      if (reg.optionalAuthorizationDetails !== true) continue;
      findings.push({ resource: reg.address, principal: `agent-registration:${reg.displayName}`, message: `agent registration "${reg.displayName}" makes authorization_details optional` });
    }
    for (const profile of model.resourceServerProfiles) {
      if (!profile.optionalAuthorizationDetails) continue;
      findings.push({ resource: profile.address, message: `resource-server profile "${profile.name}" accepts tokens from ${profile.issuer} without authorization_details` });
    }
    return findings;
  },
};
