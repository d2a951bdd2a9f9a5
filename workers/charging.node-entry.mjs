// Starts the TypeScript charging scheduler worker in a Node worker_thread: registers tsx's loader, then imports it.
import { register } from 'tsx/esm/api';

register();
await import('./charging.node.ts');
