import { Testing } from 'cdktf';
import { build } from '../../examples/typescript/main';

test('the typed-topology example synthesizes with the backend it was given', () => {
  const json = JSON.parse(Testing.synth(build(Testing.app())));
  expect(json.terraform.backend).toEqual({ s3: { bucket: 'tf-state', key: 'a2a/expense-ts.tfstate', region: 'eu-west-1' } });
  expect(Object.values(json.resource.vault_identity_oidc_role).map((r: any) => r.name)).toEqual(['bookkeeper.expense']);
});
