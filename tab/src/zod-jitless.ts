import { z } from 'zod';

/**
 * The tab's Content-Security-Policy allows no eval. Zod probes for it (new Function) the
 * first time it builds an object schema, and a strict policy reports that probe as a
 * violation even though Zod catches it; jitless mode skips the probe and the compiled fast
 * path, which the tab's small bodies do not need. The build puts this module in Zod's own
 * chunk (tab/vite.config.mjs), so it runs before any other chunk builds a schema.
 */
z.config({ jitless: true });
