/** Add to jest's `setupFilesAfterEnv` to get `toPassLeastPrivilege` and `toHaveExactAccess`. */
import { setupLeastPrivilegeMatchers } from './jest';

setupLeastPrivilegeMatchers();
