import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * A fake Application Insights ingestion endpoint on loopback: it accepts what the Azure
 * Monitor exporter posts to `<IngestionEndpoint>/v2.1/track` (a JSON array or JSON lines,
 * gzip-compressed or not), keeps every telemetry item and its raw text, and answers as the
 * service does. Point a connection string at it with `connectionString`.
 *
 * HTTPS, because the exporter turns an http:// IngestionEndpoint into https://: the
 * certificate is made for 127.0.0.1 with openssl when the fake starts, and a process that
 * sends to it trusts it through NODE_EXTRA_CA_CERTS=`caFile`.
 */

/** One telemetry item as the exporter sends it (an envelope). */
export interface Envelope {
  name: string;
  time?: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

export class FakeIngestion {
  /** Every item received, in order. */
  readonly items: Envelope[] = [];
  /** Every request body, decompressed, as text: what a leak search reads. */
  readonly bodies: string[] = [];
  /** Paths posted to (e.g. /v2.1/track). */
  readonly paths: string[] = [];
  private server: https.Server | undefined;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'rc-pulse-ingestion-'));
  /** The certificate's file, for NODE_EXTRA_CA_CERTS. */
  readonly caFile = path.join(this.dir, 'cert.pem');
  url = '';

  async start(): Promise<this> {
    const keyFile = path.join(this.dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', this.caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    this.server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(this.caFile) }, (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const gzipped = req.headers['content-encoding'] === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b);
        const text = (gzipped ? gunzipSync(raw) : raw).toString('utf8');
        this.paths.push(req.url ?? '');
        this.bodies.push(text);
        const received = parseItems(text);
        this.items.push(...received);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: received.length, itemsAccepted: received.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** A connection string whose IngestionEndpoint is this fake. */
  connectionString(instrumentationKey = '00000000-0000-4000-8000-000000000001'): string {
    return `InstrumentationKey=${instrumentationKey};IngestionEndpoint=${this.url}`;
  }

  /** Items of a base type: RequestData, RemoteDependencyData, MetricData, ExceptionData, MessageData. */
  ofType(baseType: string): Envelope[] {
    return this.items.filter((i) => i.data?.baseType === baseType);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A JSON array, one JSON object, or JSON lines. */
function parseItems(text: string): Envelope[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const parsed = JSON.parse(trimmed) as Envelope | Envelope[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Envelope);
  }
}

/** Starts a fake ingestion endpoint. */
export function startFakeIngestion(): Promise<FakeIngestion> {
  return new FakeIngestion().start();
}
