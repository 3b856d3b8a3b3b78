import type { AddressInfo } from 'node:net';
import { createBotApp } from '../../../bot/bot-app';
import type { AuthConfig } from '../../../src/config/auth-config';
import { familyLinkDeps, type FamilyLinkDeps } from '../../../src/app/family/issue-family-links';
import { FAMILIES_WORKGROUP_ID } from '../../../src/domain/model/family';
import type { PulseInput, PulseScope } from '../../../src/domain/model/pulse';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aPulse, WORKGROUPS } from '../../support/fixtures';

/** Secret for family links in tests (32+ characters, as the configuration demands). */
export const TEST_LINK_KEY = 'test-only-family-link-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://rc-pulse.example.nhs.uk';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public now: Date = new Date()) {}
  readonly read = () => new Date(this.now.getTime());
  advanceDays(days: number): void {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
  }
}

/** Link deps over real repositories with the test secret and a fake clock. */
export function testLinkDeps(storage: Storage, clock: FakeClock): FamilyLinkDeps {
  return familyLinkDeps(storage, { linkKey: TEST_LINK_KEY, publicUrl: PUBLIC_URL, clock: clock.read });
}

/** A collaborative and an open pulse families answer (a survey asking about Families), stored. */
export async function aFamiliesPulse(storage: Storage, overrides: Partial<PulseInput> = {}): Promise<PulseScope> {
  const collaborative = (await storage.collaboratives.create(aCollaborative())).value;
  const pulse = aPulse(collaborative.id, { status: 'open', targetWorkgroupIds: [...WORKGROUPS.slice(0, 3), FAMILIES_WORKGROUP_ID], ...overrides });
  await storage.pulses.create(pulse);
  return { collaborativeId: collaborative.id, pulseId: pulse.id };
}

/** A server (the production assembly) with family links on, over `storage`, on a free port. */
export interface FamilyServer {
  url: string;
  logs: string[];
  stop(): void;
}

/**
 * Starts createBotApp with family links over the test storage; requests name their address in
 * X-Forwarded-For, as App Service's front end does, so tests can be many people at once.
 */
export async function startFamilyServer(
  storage: Storage,
  clock: FakeClock,
  options: { limit?: { requests?: number; windowMs?: number }; auth?: AuthConfig } = {},
): Promise<FamilyServer> {
  const logs: string[] = [];
  const app = createBotApp({
    storage,
    config: { appId: '', appType: 'MultiTenant', tabUrl: 'https://example.test/tab' },
    log: (l) => logs.push(l),
    clock: clock.read,
    ...(options.auth ? { auth: options.auth } : {}),
    family: { linkKey: TEST_LINK_KEY, publicUrl: PUBLIC_URL, ...(options.limit ? { limit: options.limit } : {}) },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, logs, stop: () => app.server.close() };
}

/** The path of a link's page on a test server (the link names the public URL). */
export function pagePath(linkUrl: string): string {
  return linkUrl.slice(PUBLIC_URL.length);
}

let addressSeq = 0;
/** A fresh made-up address, so one test's requests do not count against another's. */
export function newAddress(): string {
  addressSeq += 1;
  // The first entry is whatever the client claimed; the last is the one the front end saw.
  return `192.0.2.1, 10.0.${Math.floor(addressSeq / 250)}.${addressSeq % 250}:${40000 + addressSeq}`;
}

/** GET a family page as a phone at `address` would. */
export async function getPage(server: FamilyServer, path: string, address = newAddress()): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, { headers: { 'X-Forwarded-For': address, 'Accept-Language': 'en-GB,en;q=0.9' } });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** POST the family page's form (fields as a browser sends them). */
export async function postPage(
  server: FamilyServer,
  path: string,
  fields: [string, string][] | string,
  address = newAddress(),
  contentType = 'application/x-www-form-urlencoded',
): Promise<{ status: number; html: string; headers: Headers }> {
  const body = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
  const res = await fetch(`${server.url}${path}`, { method: 'POST', body, headers: { 'Content-Type': contentType, 'X-Forwarded-For': address } });
  return { status: res.status, html: await res.text(), headers: res.headers };
}
