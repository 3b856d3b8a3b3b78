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
    // No source maps: they would be public (the tab's folder is served as it is) and hand
    // anyone the tab's source. Support works from the server's logs and error references.
    sourcemap: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Zod and the one line that puts it in jitless mode (src/zod-jitless.ts) share a chunk
      // of their own, so that line runs before any chunk builds a schema: the tab's CSP
      // allows no eval, and Zod's eval probe would otherwise be reported as a violation.
      // src/domain and src/contract are pure (architecture.md): importing one of their modules
      // does nothing but define things. Saying so lets the bundle leave out what the tab never
      // calls, such as the statistics behind scoring (its t-quantile library probes eval,
      // which the tab's CSP forbids) when a schema it needs sits beside scoring code.
      treeshake: { moduleSideEffects: (id) => (/[\\/]src[\\/](domain|contract)[\\/]/.test(id) ? false : undefined) },
      output: { codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]zod-jitless\.ts$/ }] } },
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
