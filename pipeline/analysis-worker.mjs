// Entry of an analysis worker thread. Workers do not inherit the main thread's TypeScript loader, so this
// plain module registers tsx and then loads the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./analysis-worker.ts');
