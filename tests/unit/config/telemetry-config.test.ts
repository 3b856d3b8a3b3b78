import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError } from '../../../src/config/config';
import { parseTelemetryConfig } from '../../../src/config/telemetry-config';

const CS = 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/';
const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('the telemetry settings', () => {
  it('are off when APPLICATIONINSIGHTS_CONNECTION_STRING is not set or blank', () => {
    expect(parseTelemetryConfig({})).toBeUndefined();
    expect(parseTelemetryConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' })).toBeUndefined();
  });

  it('are on with a connection string, sampling everything unless told', () => {
    expect(parseTelemetryConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CS })).toEqual({ connectionString: CS, samplingRatio: 1 });
    expect(parseTelemetryConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CS, APPLICATIONINSIGHTS_SAMPLING_RATIO: '0.25' })?.samplingRatio).toBe(0.25);
  });

  it.each([
    ['no instrumentation key', { APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x.test/' }],
    ['a key that is not a GUID', { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc' }],
    ['an endpoint that is not a URL', { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=not a url' }],
    ['a sampling ratio above 1', { APPLICATIONINSIGHTS_CONNECTION_STRING: CS, APPLICATIONINSIGHTS_SAMPLING_RATIO: '2' }],
  ])('refuse %s, naming the variable and never its value', (_what, env) => {
    expect(() => parseTelemetryConfig(env)).toThrow(ConfigError);
    try {
      parseTelemetryConfig(env);
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/APPLICATIONINSIGHTS_(CONNECTION_STRING|SAMPLING_RATIO)/);
      expect(message).not.toContain(env.APPLICATIONINSIGHTS_CONNECTION_STRING);
    }
  });
});

describe('starting telemetry in a process', () => {
  /** Loads bot/telemetry-start.ts in a fresh process and says whether any OpenTelemetry module was loaded. */
  function loaded(env: Record<string, string>): { otel: boolean; status: number | null; stderr: string } {
    const script = `require('./bot/telemetry-start'); const t = require('./bot/telemetry-start').telemetry(); ` +
      `process.stdout.write(JSON.stringify(Object.keys(require.cache).some((k) => /@opentelemetry|monitor-opentelemetry/.test(k)))); ` +
      `t.shutdown().then(() => process.exit(0));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      env: { ...process.env, APPLICATIONINSIGHTS_CONNECTION_STRING: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { otel: run.stdout.trim() === 'true', status: run.status, stderr: run.stderr };
  }

  it('loads nothing of OpenTelemetry when the connection string is not set', () => {
    const off = loaded({});
    expect(off).toEqual({ otel: false, status: 0, stderr: '' });
  });

  it('loads it when the connection string is set (the control for the test above)', () => {
    const on = loaded({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://127.0.0.1:9/' });
    expect(on.status).toBe(0);
    expect(on.otel).toBe(true);
  });
});
