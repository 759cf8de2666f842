import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { RULE_ID } from '../../vault/rule-ids';

/** The constraints that name a certificate's holder; an OU or a required extension alone names a team, not a workload. */
const NAMING = [
  ['allowedCommonNames', 'allowed_common_names'],
  ['allowedUriSans', 'allowed_uri_sans'],
  ['allowedDnsSans', 'allowed_dns_sans'],
  ['allowedEmailSans', 'allowed_email_sans'],
  ['allowedNames', 'allowed_names'],
] as const;

export const loginCertBinding: Rule = {
  id: RULE_ID.LOGIN_CERT_BINDING,
  statement: 'Every cert login role pins the client certificate by name (allowed_common_names, allowed_uri_sans, …), without "*".',
  severity: 'error',
  explanation:
    "Vault's cert auth checks only the allowed_* lists a role sets, each as go-glob patterns: a role with none admits every certificate its CA issues (every workload of the PKI logs in with the role's policies), and a pattern with \"*\" admits every name it matches. The entity alias is the certificate's common name, so a loose binding also lets those certificates land on whatever entity their name picks.",
  fix: 'Set allowed_common_names = ["<the agent\'s certificate CN>"] (the alias is the CN, known in advance) or allowed_uri_sans = ["<its SPIFFE ID>"]: one exact value.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      if (role.method !== 'cert') continue;
      const principal = loginRoleId(role);
      const say = (message: string) => findings.push({ resource: role.address, principal, message: `cert role "${role.roleName}" ${message}` });
      const set = NAMING.filter(([key]) => role[key].length > 0);
      if (set.length === 0) say('pins no name (no allowed_common_names, allowed_uri_sans, allowed_dns_sans, allowed_email_sans or allowed_names): every certificate of its CA logs in');
      for (const [key, argument] of set) {
        const globs = role[key].filter((v) => v.includes('*'));
        if (globs.length > 0) say(`has ${argument} ${JSON.stringify(role[key])}: "*" admits every name the pattern matches`);
      }
    }
    return findings;
  },
};
