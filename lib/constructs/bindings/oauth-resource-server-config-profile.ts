import { Construct } from 'constructs';
import { ImportableResource, TerraformProvider } from 'cdktf';
import * as generated from './generated/oauth-resource-server-config-profile';
import { BindingConfigError } from './binding-config-error';
import { childPath } from './child-path';
import { keySourceProblems } from './oauth-key-source';
import { requireVaultProviderFloor } from './provider-constraint';

export type OauthResourceServerConfigProfileConfig = generated.OauthResourceServerConfigProfileConfig;
export type OauthResourceServerConfigProfilePublicKeys = generated.OauthResourceServerConfigProfilePublicKeys;
export {
  OauthResourceServerConfigProfilePublicKeysList,
  OauthResourceServerConfigProfilePublicKeysOutputReference,
  oauthResourceServerConfigProfilePublicKeysToHclTerraform,
  oauthResourceServerConfigProfilePublicKeysToTerraform,
} from './generated/oauth-resource-server-config-profile';

/**
 * `vault_oauth_resource_server_config_profile` (Vault Enterprise 2.0.1+, provider hashicorp/vault
 * 5.10.1+): which issuer, keys, audiences and algorithms Vault accepts for OAuth JWTs.
 *
 * The generated binding plus: creating one (or importing one) makes the stack require the vault
 * provider `>= 5.10.1, < 6.0.0`, and the constructor rejects a key source the provider would
 * reject at plan time (`use_jwks` true ⇒ `jwks_uri`, no `public_keys`; false ⇒ the reverse).
 */
export class OauthResourceServerConfigProfile extends generated.OauthResourceServerConfigProfile {
  /** Like the generated helper, and also raises the stack's provider constraint (see provider-constraint.ts). */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: TerraformProvider): ImportableResource {
    requireVaultProviderFloor(scope);
    return super.generateConfigForImport(scope, importToId, importFromId, provider);
  }

  public constructor(scope: Construct, id: string, config: OauthResourceServerConfigProfileConfig) {
    // Checked before super() so that an invalid profile never joins the construct tree.
    const problems = keySourceProblems(config);
    if (problems.length > 0) {
      throw new BindingConfigError(generated.OauthResourceServerConfigProfile.tfResourceType, childPath(scope, id), problems);
    }
    super(scope, id, config);
    requireVaultProviderFloor(this);
    // Setters and put/reset methods can change the key source after construction; re-check at synth.
    this.node.addValidation({
      validate: () => keySourceProblems({ useJwks: this.useJwksInput, jwksUri: this.jwksUriInput, publicKeys: this.publicKeysInput }),
    });
  }
}
