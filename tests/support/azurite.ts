import { startAzurite as startAzuriteOn, type RunningAzurite as AzuriteProcesses } from '../../src/local/azurite-process';
import { freePort } from '../../src/local/ports';

export { azuriteConnectionString } from '../../src/local/azurite-process';

export interface RunningAzurite {
  /** Connection string with the Table and Queue endpoints of this instance. */
  connectionString: string;
  tablePort: number;
  queuePort: number;
  stop(): Promise<void>;
}

/**
 * Starts Azurite's Table and Queue services (no Blob), in memory, on ports the OS says are
 * free. Another process can take a port between asking and binding, so a failed start is
 * tried again on new ports. Used by jest's globalSetup and by the storage benchmark.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  for (let attempt = 1; ; attempt++) {
    const [tablePort, queuePort] = await Promise.all([freePort(), freePort()]);
    if (tablePort === queuePort) continue;
    let running: AzuriteProcesses;
    try {
      running = await startAzuriteOn({ tablePort, queuePort });
    } catch (error) {
      if (attempt === 3) throw error;
      continue;
    }
    return { connectionString: running.connectionString, tablePort, queuePort, stop: running.stop };
  }
}
