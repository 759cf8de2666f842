/**
 * `cdktf-vault-a2a/jest`: importing it registers `toPassLeastPrivilege` and `toHaveExactAccess`
 * on jest's `expect` and brings their types, with this one import (at the top of a test file, or
 * in a setup file listed in jest's `setupFilesAfterEnv` that tsconfig includes). The re-export
 * keeps `checks/jest.d.ts`, which declares the matchers on `jest.Matchers`, in the importer's
 * TypeScript program; a bare side-effect module would leave it out.
 */
import { setupLeastPrivilegeMatchers } from './jest';

export { leastPrivilegeMatchers, setupLeastPrivilegeMatchers, type ExactAccess } from './jest';

setupLeastPrivilegeMatchers();
