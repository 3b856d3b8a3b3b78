import { HANDLE, runningAzurite } from './global-setup';

/** jest globalTeardown: stops the Azurite that globalSetup started. */
export default async function globalTeardown(): Promise<void> {
  await runningAzurite()?.stop();
  delete (globalThis as Record<string, unknown>)[HANDLE];
}
