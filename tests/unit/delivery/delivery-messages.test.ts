import { fanOutSummaryLine } from '../../../src/cards/delivery-notice-card';
import { parseDeliveryConfig } from '../../../src/config/delivery-config';
import { ConfigError } from '../../../src/config/config';
import { cardMessageFor, interleaveByTenant, parseCardMessage, tenantOf } from '../../../src/delivery/card-message';
import type { Member } from '../../../src/domain/model/member';

const member = (i: number, tenantId: string): Member => ({
  collaborativeId: 'c1',
  id: `m${i}`,
  aadObjectId: `3f2504e0-4f89-41d3-9a0c-0305e82c33${String(i).padStart(2, '0')}`,
  displayName: `Person ${i}`,
  organisationId: 'o1',
  installState: 'installed',
  conversationReference: { serviceUrl: 'https://smba.example/', conversation: { id: `a:${i}`, tenantId } },
});
const scope = { collaborativeId: 'c1', pulseId: 'p1' };
const invitation = { kind: 'survey-invitation', input: { workgroupId: 'mbu-nursing' } };

describe('card queue messages', () => {
  it('round-trip through the queue text, and anything else is refused with the reason', () => {
    const message = cardMessageFor(scope, 'invite', member(1, 'T-A'), invitation, 'W/"etag"');
    expect(parseCardMessage(JSON.stringify(message))).toEqual({ ok: true, message });
    expect(parseCardMessage('{not json')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parseCardMessage(JSON.stringify({ ...message, round: 'nudge' }))).toMatchObject({ ok: false, reason: expect.stringContaining('round') });
  });

  it('count against the conversation’s tenant, and take turns between tenants', () => {
    expect(tenantOf(member(1, 'T-A'))).toBe('t-a');
    const messages = [1, 2, 3].map((i) => cardMessageFor(scope, 'invite', member(i, 'T-A'), invitation)).concat(cardMessageFor(scope, 'invite', member(4, 'T-B'), invitation));
    expect(interleaveByTenant(messages).map((m) => m.tenantId)).toEqual(['t-a', 't-b', 't-a', 't-a']);
  });
});

describe('the fan-out line in the channel', () => {
  it('says how many got the card, and why the others did not', () => {
    expect(fanOutSummaryLine({ total: 415, sent: 412, removed: 3, failed: 0 })).toBe('Survey card sent to 412 of 415 members; 3 have removed the app.');
    expect(fanOutSummaryLine({ total: 1, sent: 1, removed: 0, failed: 0 })).toBe('Survey card sent to 1 of 1 member.');
    expect(fanOutSummaryLine({ total: 10, sent: 8, removed: 1, failed: 1 })).toBe('Survey card sent to 8 of 10 members; 1 has removed the app; 1 could not be reached just now.');
  });
});

describe('delivery settings', () => {
  it('default to Teams’ limits, six attempts and quiet 20:00 to 08:00 UK time and weekends', () => {
    expect(parseDeliveryConfig({})).toMatchObject({
      ratePerTenant: 50,
      maxAttempts: 6,
      quietHours: { fromMinute: 1200, toMinute: 480, weekends: true, timeZone: 'Europe/London' },
      runWorkers: true,
    });
  });

  it('take other values, "none" for no quiet hours, and name every bad one', () => {
    expect(parseDeliveryConfig({ DELIVERY_QUIET_HOURS: 'none', DELIVERY_QUIET_WEEKENDS: 'false', DELIVERY_RATE_PER_TENANT: '20' })).toMatchObject({ ratePerTenant: 20 });
    expect(parseDeliveryConfig({ DELIVERY_QUIET_HOURS: 'none', DELIVERY_QUIET_WEEKENDS: 'false' }).quietHours).toBeUndefined();
    expect(() => parseDeliveryConfig({ DELIVERY_QUIET_HOURS: 'evenings', DELIVERY_TIME_ZONE: 'Mars/Olympus', DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(ConfigError);
    const problems = (() => {
      try {
        parseDeliveryConfig({ DELIVERY_TIME_ZONE: 'Mars/Olympus', DELIVERY_MAX_ATTEMPTS: '0' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([expect.stringMatching(/^DELIVERY_MAX_ATTEMPTS/), expect.stringMatching(/^DELIVERY_TIME_ZONE: is not a time zone/)]);
  });
});
