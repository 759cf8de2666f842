/**
 * `AuthMountRef`: an existing auth mount, looked up by path (data source `vault_auth_backend`)
 * for its accessor, which every entity alias needs. Mounts are only referenced, never created:
 * enabling an auth method is a platform decision outside an agent topology.
 */
import { DataVaultAuthBackend } from '@cdktf/provider-vault/lib/data-vault-auth-backend';
import { Construct } from 'constructs';
import { checkMountPath } from './login-role';
import { Issues } from './validate';

export interface AuthMountRefProps {
  /** Mount path without `auth/`, e.g. `kubernetes`. */
  readonly path: string;
}

export class AuthMountRef extends Construct {
  readonly dataSource: DataVaultAuthBackend;
  /** The mount path as given (plain string). */
  readonly path: string;
  /** The mount accessor (a reference). */
  readonly accessor: string;

  constructor(scope: Construct, id: string, props: AuthMountRefProps) {
    super(scope, id);
    const issues = new Issues();
    checkMountPath(issues, 'path', props.path);
    issues.throwIfAny(this);
    this.dataSource = new DataVaultAuthBackend(this, 'Default', { path: props.path });
    this.path = props.path;
    this.accessor = this.dataSource.accessor;
  }
}
