import type { Rule, RuleFinding } from '../rule';
import { loginRoleId } from '../../analysis/access';
import { RULE_ID } from '../../vault/rule-ids';

export const loginKubernetesBinding: Rule = {
  id: RULE_ID.LOGIN_K8S_BINDING,
  statement: 'Every Kubernetes login role is bound to named service accounts in named namespaces, none of them "*" or a glob.',
  severity: 'error',
  explanation:
    'A role bound to "*" (or to nothing) lets any pod of the cluster, or any pod in any namespace, log in as the agent and read its client secret or mint its tokens.',
  fix: 'Set bound_service_account_names = ["<agent service account>"] and bound_service_account_namespaces = ["<its namespace>"] (and alias_name_source = "serviceaccount_name").',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const role of model.loginRoles) {
      if (role.method !== 'kubernetes') continue;
      const principal = loginRoleId(role);
      const say = (message: string) => findings.push({ resource: role.address, principal, message: `kubernetes role "${role.roleName}" ${message}` });
      const sa = role.serviceAccounts ?? [];
      if (sa.length === 0) say('has no bound_service_account_names');
      else if (sa.some((s) => s.includes('*'))) say(`is bound to service accounts ${JSON.stringify(sa)}`);
      const ns = role.namespaces ?? [];
      if (ns.length === 0 && !role.namespaceSelector) say('has no bound_service_account_namespaces');
      else if (ns.some((n) => n.includes('*'))) say(`is bound to namespaces ${JSON.stringify(ns)}`);
    }
    return findings;
  },
};
