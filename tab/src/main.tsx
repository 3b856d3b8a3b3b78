// Zod without eval, for the page's Content-Security-Policy: see zod-jitless.ts.
import './zod-jitless';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// The page already says "Loading RC Pulse…" (index.html) until React replaces it.
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
