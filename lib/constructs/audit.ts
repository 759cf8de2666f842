/**
 * `A2aAudit`: renders a plan's audit trail (`AccessPlan.audit`) inside `A2aVaultTopology`: one
 * `AuditDevice` per device, one `AuditedRequestHeader` per header. Both are cluster-wide settings
 * written from the root namespace; with a `vault.namespace`, the caller passes a provider without
 * one (`AgentTopologyStack` creates it, aliased "root").
 */
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { AuditPlan } from '../plan/types';
import { AuditDevice } from './audit-device';
import { AuditedRequestHeader } from './audit-request-header';
import { InvalidPropsError } from './validate';
import { sortedBy } from '../vault/order';

export interface A2aAuditProps {
  readonly plan: AuditPlan;
  /** Required when `plan.fromRootNamespace`: a vault provider configured without a namespace. */
  readonly rootProvider?: TerraformProvider;
}

export class A2aAudit extends Construct {
  /** By path. */
  readonly devices: ReadonlyMap<string, AuditDevice>;
  /** By header name. */
  readonly requestHeaders: ReadonlyMap<string, AuditedRequestHeader>;

  constructor(scope: Construct, id: string, props: A2aAuditProps) {
    super(scope, id);
    const plan = props.plan;
    if (plan.fromRootNamespace && props.rootProvider === undefined) {
      throw new InvalidPropsError(this.node.path, [
        'the topology has a vault.namespace, but audit devices and audited headers are configured from the root namespace: pass rootProvider, a vault provider without a namespace (AgentTopologyStack does)',
      ]);
    }
    const provider = plan.fromRootNamespace ? { provider: props.rootProvider } : {};
    this.devices = new Map(
      sortedBy(plan.devices, (d) => d.path).map((d) => [
        d.path,
        new AuditDevice(this, `device-${d.path.replace(/\//g, '-')}`, {
          path: d.path,
          sink: d.sink,
          local: d.local,
          format: d.format,
          elideListResponses: d.elideListResponses,
          ...(d.description !== undefined ? { description: d.description } : {}),
          ...(d.prefix !== undefined ? { prefix: d.prefix } : {}),
          ...provider,
        }),
      ]),
    );
    this.requestHeaders = new Map(
      sortedBy(plan.requestHeaders, (h) => h.name.toLowerCase()).map((h) => [
        h.name,
        new AuditedRequestHeader(this, `header-${h.name.toLowerCase()}`, { name: h.name, hmac: h.hmac, ...provider }),
      ]),
    );
  }
}
