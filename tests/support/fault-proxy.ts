import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * What the proxy does to a request it faults:
 * - 'status503' / 'status500': answers with that status, never forwarding (nothing reaches storage);
 * - 'stall': never answers and never forwards (the client's attempt times out);
 * - 'drop-response': forwards, lets storage do the work, then never answers (the client
 *   times out although the write happened: the hardest case for idempotency).
 */
export type Fault = 'status503' | 'status500' | 'stall' | 'drop-response';

interface Rule {
  pass: number;
  fail: number;
  fault: Fault;
}

/**
 * A small HTTP proxy in front of Azurite that injects faults, to show that transient faults
 * are retried and that persistent ones surface as typed errors with nothing half-written.
 */
export class FaultProxy {
  /** Every request seen, in order: method and path (with query). */
  readonly seen: { method: string; url: string; faulted: Fault | null }[] = [];
  private rule: Rule | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private listeningPort = 0;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy on a free port forwarding to 127.0.0.1:targetPort. */
  static async start(targetPort: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (typeof address !== 'object' || !address) throw new Error('proxy has no port');
    proxy.listeningPort = address.port;
    return proxy;
  }

  /** The port clients should use instead of Azurite's. */
  get port(): number {
    return this.listeningPort;
  }

  /** Lets `pass` requests through, then faults the next `fail` (Infinity: until cleared). */
  inject(fault: Fault, options: { pass?: number; fail?: number } = {}): void {
    this.rule = { pass: options.pass ?? 0, fail: options.fail ?? Number.POSITIVE_INFINITY, fault };
  }

  /** Stops injecting faults and forgets what was seen. */
  reset(): void {
    this.rule = undefined;
    this.seen.length = 0;
  }

  /** Requests faulted since the last reset. */
  get faulted(): number {
    return this.seen.filter((s) => s.faulted !== null).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private decide(): Fault | null {
    const rule = this.rule;
    if (!rule) return null;
    if (rule.pass > 0) {
      rule.pass -= 1;
      return null;
    }
    if (rule.fail > 0) {
      rule.fail -= 1;
      return rule.fault;
    }
    return null;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const fault = this.decide();
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', faulted: fault });
    if (fault === 'status503' || fault === 'status500') {
      req.resume();
      req.on('end', () => {
        const code = fault === 'status503' ? 'ServerBusy' : 'InternalError';
        res.writeHead(fault === 'status503' ? 503 : 500, { 'Content-Type': 'application/json', 'x-ms-error-code': code });
        res.end(JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: 'fault injected by the test proxy' } } }));
      });
      return;
    }
    if (fault === 'stall') {
      req.resume(); // read the body, answer nothing; the client gives up and closes the socket
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (fault === 'drop-response') {
          answer.resume(); // storage did the work; the client never hears about it
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
