// The version of the scratchnet command, taken from its package.json at build time.

import packageJson from '../package.json';

/** Version printed by --version and stored in the training record of every model. */
export const VERSION: string = packageJson.version;
