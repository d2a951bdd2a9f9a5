/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './src/sw/serviceWorker.ts';
import { contentSecurityPolicyPlugin } from './src/sw/contentSecurityPolicy.ts';

// Cross-origin isolation (SharedArrayBuffer) lets the charging scheduler run in a worker of its
// own (workers/sim.worker.ts); a static host without these headers runs it in the sim worker.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Relative base so the built site works from any static host path.
export default defineConfig({
  base: './',
  plugins: [react(), serviceWorkerPlugin(), contentSecurityPolicyPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { port: 5173, headers: isolation },
  preview: { port: 4173, headers: isolation },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
