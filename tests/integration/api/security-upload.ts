import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../src/local/ports';
import { TEST_HMAC_KEY, testConnectionString, uniquePrefix } from '../../support/test-storage';

/**
 * For the attacks on request bodies: the real server entry point (bot/index.ts, run by tsx)
 * in a child process whose temporary folder (TMPDIR) is a fresh, empty folder of its own, so
 * anything a body parser writes to disk shows up there; and an uploader that streams a huge
 * body from a generator, as a stranger on the internet would, without holding it in memory.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;

export interface ServerProcess {
  url: string;
  /** The server's own temporary folder (its os.tmpdir()). */
  tmpDir: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts bot/index.ts with development sign-in on a free loopback port; resolves once /healthz answers 200. */
export async function startServerProcess(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-server-tmp-'));
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TMPDIR: tmpDir,
    STORAGE_CONNECTION_STRING: testConnectionString(),
    STORAGE_NAME_PREFIX: uniquePrefix(),
    SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
    AUTH_MODE: 'development',
    ...extraEnv,
  };
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--no-deprecation', '--import', 'tsx', 'bot/index.ts'], { cwd: ROOT, env });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server stopped while starting:\n${out}`);
    }
    if (await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, tmpDir, output: () => out, stop };
}

/** Names in a folder and, one level down, in its sub-folders (what a parser would leave there). */
export function listing(dir: string): string[] {
  const names: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    names.push(entry.name);
    if (entry.isDirectory()) {
      for (const inner of fs.readdirSync(path.join(dir, entry.name))) names.push(`${entry.name}/${inner}`);
    }
  }
  return names.sort();
}

/** Watches a folder while `during` runs; returns every name that appeared at any moment. */
export async function newNamesWhile<T>(dir: string, during: () => Promise<T>): Promise<{ result: T; appeared: string[] }> {
  const before = new Set(listing(dir));
  const appeared = new Set<string>();
  const look = () => {
    for (const name of listing(dir)) if (!before.has(name)) appeared.add(name);
  };
  const timer = setInterval(look, 5);
  try {
    const result = await during();
    look();
    return { result, appeared: [...appeared] };
  } finally {
    clearInterval(timer);
  }
}

export interface UploadOutcome {
  status: number;
  body: string;
  /** Bytes written before the answer came. */
  sentBytes: number;
  elapsedMs: number;
}

/** A multipart/form-data file part of `size` bytes, produced a mebibyte at a time. */
export function* multipartFile(boundary: string, size: number): Generator<Buffer> {
  yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  yield* filler(size, 0x61);
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}

/** A JSON string value of about `size` bytes: {"text":"aaaa...."} */
export function* hugeJson(size: number): Generator<Buffer> {
  yield Buffer.from('{"text":"');
  yield* filler(size, 0x61);
  yield Buffer.from('"}');
}

function* filler(size: number, byte: number): Generator<Buffer> {
  const block = Buffer.alloc(MIB, byte);
  for (let left = size; left > 0; left -= MIB) yield left >= MIB ? block : block.subarray(0, left);
}

/**
 * POSTs the generator's bytes (chunked unless `contentLength` is given), honouring
 * back-pressure, and stops sending as soon as the server answers.
 */
export function streamPost(url: string, headers: Record<string, string>, body: Iterator<Buffer>, contentLength?: number): Promise<UploadOutcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, ...(contentLength !== undefined ? { 'Content-Length': String(contentLength) } : { 'Transfer-Encoding': 'chunked' }) },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text, sentBytes, elapsedMs: Date.now() - started });
        req.destroy();
      });
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text, sentBytes, elapsedMs: Date.now() - started }));
    });
    // Once the server has answered, it may cut the connection while we are still sending.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered) {
        const next = body.next();
        if (next.done) {
          req.end();
          return;
        }
        sentBytes += next.value.length;
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
