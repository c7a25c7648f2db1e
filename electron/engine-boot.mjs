// Entry of the engine utility process: the engine is TypeScript run through tsx (as the CLI is),
// so register the loader first, then start the host.
import { register } from 'tsx/esm/api';
register();
await import('./engine-host.ts');
