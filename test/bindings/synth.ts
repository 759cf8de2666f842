import { parse } from '@cdktf/hcl2json';
import { App, TerraformStack, Testing } from 'cdktf';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';

/** A test app and a stack that declares the prebuilt vault provider, as our stacks do. */
export function vaultStack(id = 'a2a'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, id);
  new VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
  return { app, stack };
}

/** Synthesized Terraform JSON of the stack, parsed (no cdktf metadata). */
export function synthJson(stack: TerraformStack, runValidations = false): any {
  return JSON.parse(Testing.synth(stack, runValidations));
}

/** Synthesized HCL of the stack, parsed back with HashiCorp's HCL parser (WASM, offline). */
export async function synthHclParsed(stack: TerraformStack): Promise<{ hcl: string; parsed: any }> {
  const hcl = Testing.synthHcl(stack);
  return { hcl, parsed: await parse('cdk.tf', hcl) };
}
