import { RedactingSpanProcessor, type RedactableSpan } from '../../../src/telemetry/redacting-span-processor';
import { redactText } from '../../../src/telemetry/redaction';

/**
 * The span processor attacked with crafted spans shaped like those the instrumentations make:
 * an incoming Bot Framework request, a call to the Bot Connector, Azure Tables and Queue
 * calls, an exception. Each carries a secret of one kind; none may survive.
 */

const USER = '29:1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const CHAT = `a:1:1-${USER}`;
const CHANNEL = '19:4f1c2b7d9e8a4c3b8a2d1e0f9c8b7a6d@thread.tacv2';
const AAD = '7d3f9a2e-5b1c-4e8d-9f0a-1b2c3d4e5f60';
const EMAIL = 'oriel.fairweather@nhs.net';
const RESPONDENT_KEY = 'c0ffee'.repeat(10) + 'abcd';
const ROW_KEY = 'L:' + RESPONDENT_KEY;
const PARTITION = 'yorkshire-humber-pmh:demo-baseline-2024';
const QUEUE_BODY = JSON.stringify({ kind: 'survey-invitation', member: { aadObjectId: AAD } });
const SECRETS = [USER, CHAT, CHANNEL, AAD, EMAIL, RESPONDENT_KEY, ROW_KEY, PARTITION, QUEUE_BODY, 'popreceipt', 'sig=', encodeURIComponent(CHAT), encodeURIComponent(ROW_KEY)];

function span(name: string, attributes: RedactableSpan['attributes'], events: RedactableSpan['events'] = []): RedactableSpan {
  return { name, attributes, events };
}

function processed(s: RedactableSpan): string {
  new RedactingSpanProcessor().onEnd(s);
  return JSON.stringify(s);
}

function leaked(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

describe('the redacting span processor', () => {
  it('keeps the host and the shape of a Bot Connector call, and takes out the conversation id', () => {
    const url = `https://smba.trafficmanager.net/uk/v3/conversations/${encodeURIComponent(CHAT)}/activities/1%3A1abc`;
    const s = span(`POST /uk/v3/conversations/${encodeURIComponent(CHAT)}/activities`, { 'http.url': url, 'url.full': url, 'http.target': `/uk/v3/conversations/${encodeURIComponent(CHAT)}/activities`, 'http.method': 'POST', 'http.status_code': 201 });
    const text = processed(s);
    expect(leaked(text)).toEqual([]);
    expect(s.attributes['url.full']).toBe('https://smba.trafficmanager.net/uk/v3/conversations/:id/activities/:id');
    expect(s.name).toBe('POST /uk/v3/conversations/:id/activities');
    expect(s.attributes['http.status_code']).toBe(201);
  });

  it('takes table keys out of an entity address, and the $filter query with them', () => {
    const target = `/rcpulseSubmissions(PartitionKey='${encodeURIComponent(PARTITION)}',RowKey='${encodeURIComponent(ROW_KEY)}')?$filter=RowKey%20eq%20'${encodeURIComponent(ROW_KEY)}'`;
    const s = span('GET', { 'http.url': `https://acct.table.core.windows.net${target}`, 'http.target': target, 'url.query': `$filter=PartitionKey eq '${PARTITION}'` });
    const text = processed(s);
    expect(leaked(text)).toEqual([]);
    expect(s.attributes['http.url']).toBe('https://acct.table.core.windows.net/rcpulseSubmissions()');
    expect(s.attributes['url.query']).toBeUndefined();
  });

  it('takes out a queue message body, its id and its pop receipt', () => {
    const s = span('QueueClient-deleteMessage', {
      'url.full': `https://acct.queue.core.windows.net/rcpulse-cards/messages/8c1e4b7a-9d3e-4a5b-8c9d-1e0f2a3b4c5d?popreceipt=AgAAAAMAAAA`,
      'messaging.message.body': QUEUE_BODY,
      'db.statement': `INSERT ${QUEUE_BODY}`,
    });
    expect(leaked(processed(s))).toEqual([]);
    expect(s.attributes['url.full']).toBe('https://acct.queue.core.windows.net/rcpulse-cards/messages/:id');
  });

  it('takes secrets out of any other attribute, of the span name, and of an exception event', () => {
    const s = span(`send card to ${USER} in ${CHANNEL}`, { 'rc.note': `${EMAIL} answered as ${RESPONDENT_KEY}`, 'enduser.id': AAD, 'client.address': '10.1.2.3', 'list': [CHAT, 'kept'] }, [
      { name: 'exception', attributes: { 'exception.message': `The row (PartitionKey='${PARTITION}',RowKey='${ROW_KEY}') for ${AAD} was not found`, 'exception.stacktrace': `at https://x.test/f/abc.sig=1?token=${RESPONDENT_KEY}` } },
    ]);
    expect(leaked(processed(s))).toEqual([]);
    expect(s.attributes['client.address']).toBeUndefined();
    expect(s.attributes.list).toEqual(['{redacted}', 'kept']);
  });

  it('takes a family link token and this app\'s own ids out of an incoming request', () => {
    const s = span('GET', { 'http.target': '/f/3q2-7wEVZ8Y0xP1gJ4kR5A.Zm9vYmFyYmF6?x=1', 'url.path': '/api/collaboratives/yorkshire-humber-pmh/pulses/demo-baseline-2024/results' });
    processed(s);
    expect(s.attributes['http.target']).toBe('/f/:id');
    expect(s.attributes['url.path']).toBe('/api/collaboratives/:id/pulses/:id/results');
  });

  it('leaves what has no secret as it was', () => {
    const s = span('TableClient.getEntity', { 'az.namespace': 'Microsoft.Data.Tables', 'http.status_code': 404, 'http.url': 'https://acct.table.core.windows.net/Tables' });
    processed(s);
    expect(s).toEqual(span('TableClient.getEntity', { 'az.namespace': 'Microsoft.Data.Tables', 'http.status_code': 404, 'http.url': 'https://acct.table.core.windows.net/Tables' }));
    expect(redactText('POST /api/messages 200 in 35 ms')).toBe('POST /api/messages 200 in 35 ms');
  });
});
