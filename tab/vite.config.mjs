// Vite build of the results tab into tab/dist, served by the RC Pulse server under /tab/.
// Vite 8 transforms TSX itself (oxc), so no React plugin is needed: only the automatic JSX
// runtime has to be switched on.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/tab/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Teams' own client is evergreen Chromium/Edge; a source map helps support without costing users.
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Fluent UI marks its modules 'use client' (for React Server Components); a browser-only
      // bundle has nothing to preserve there, so that warning is noise.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
