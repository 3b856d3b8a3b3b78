import path from 'node:path';
import { parseTelemetryConfig } from '../src/config/telemetry-config';
import { NO_TELEMETRY, startTelemetry, type Telemetry } from '../src/telemetry/telemetry';

/**
 * Starts telemetry as this module is loaded: bot/index.ts and bot/worker.ts import it FIRST,
 * so OpenTelemetry patches http and the Azure SDKs before restify, botbuilder and the storage
 * clients are loaded (a module loaded before cannot be traced). Off, and nothing loaded, when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is not set. A wrong setting is kept and thrown by
 * `telemetry()` inside the process's start-up, so it is reported like every other one.
 */

/** 'rc-pulse-worker' for the delivery-only process, 'rc-pulse' for a server. */
const role = path.basename(process.argv[1] ?? '').startsWith('worker') ? 'rc-pulse-worker' : 'rc-pulse';

function start(): Telemetry | Error {
  try {
    const config = parseTelemetryConfig(process.env);
    return config ? startTelemetry(config, role) : NO_TELEMETRY;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const started = start();

/** This process's telemetry; throws the configuration error if its settings were wrong. */
export function telemetry(): Telemetry {
  if (started instanceof Error) throw started;
  return started;
}
