/**
 * What telemetry must never carry, and how it is taken out: table row and partition keys,
 * queue message ids and bodies, conversation and user ids, e-mail addresses, respondent keys
 * and query strings. Pure functions over strings and attribute maps, so the span processor
 * (redacting-span-processor.ts) and the JSON logger share one definition, and a unit test can
 * attack each pattern with crafted values.
 *
 * The rules are written so that what remains still answers operational questions: the host
 * and the shape of a path (`/v3/conversations/{id}/activities`), a table's name, the HTTP
 * method and status, the kind of card or job.
 */

/** What a removed value is replaced with. */
export const REDACTED = '{redacted}';
/** What a removed path segment is replaced with (route-style, so it reads the same when a URL is re-encoded). */
export const ID = ':id';

/** Attributes removed whole: their value is a query, a statement, a body or a person's address. */
const DROPPED = new Set([
  'url.query',
  'db.statement',
  'db.query.text',
  'db.operation.parameter',
  'http.request.body',
  'http.response.body',
  'messaging.message.body',
  'messaging.message.id',
  'messaging.message.conversation_id',
  'client.address',
  'client.socket.address',
  'http.client_ip',
  'net.peer.ip',
  'network.peer.address',
  'enduser.id',
  'enduser.name',
  'user.id',
  'user.name',
  'user.email',
  'user.full_name',
]);

/** Attributes that hold a URL or a path with its query: kept as scheme, host and a redacted path. */
const URL_LIKE = new Set(['url.full', 'http.url', 'http.target', 'url.path', 'http.route', 'url.original', 'server.url']);

/** Path segments whose next segment is always an id (Bot Connector, queues, this app's own API, family links). */
const ID_FOLLOWS = new Set(['conversations', 'activities', 'members', 'messages', 'attachments', 'collaboratives', 'pulses', 'interventions', 'transitions', 'teams', 'users', 'f', 'links']);

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const LONG_HEX = /\b[0-9a-f]{32,}\b/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Teams ids: user 29:..., bot 28:..., chat and channel 19:...@thread..., personal a:..., 8:orgid:... */
const TEAMS_ID = /(?<![\w%])(?:19|29|28|a|8):[^\s"'<>\\,;()[\]{}]+/g;
/** OData key syntax, plain or percent-encoded: PartitionKey='x', RowKey eq 'y'. */
const TABLE_KEY = /(PartitionKey|RowKey)(\s*(?:=|%3D|\s+eq\s+|%20eq%20)\s*)(?:'|%27)(?:[^'%]|%(?!27))*(?:'|%27)/gi;
/** A URL with a query or a fragment: the query goes. */
const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#"'<>]*)[?#][^\s"'<>]*/gi;
/** A URL's path, to redact segment by segment. */
const URL_IN_TEXT = /\b(https?:\/\/[^\s/"'<>]+)(\/[^\s"'<>]*)/gi;

/** True for a path segment that names something rather than a kind of thing. */
function isIdLike(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  if (/[:@=']/.test(decoded)) return true;
  if (/^[0-9a-f-]{16,}$/i.test(decoded)) return true;
  // Long mixed letters and digits: a token, a key, an encoded id.
  return decoded.length >= 20 && /\d/.test(decoded);
}

/**
 * A path with every id taken out: the segment after a collection word, any id-like segment,
 * and a table entity's keys (`Ledger(PartitionKey='..',RowKey='..')` -> `Ledger()`).
 * The query, if any, goes.
 */
export function redactPath(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0]!;
  const segments = withoutQuery.split('/');
  return segments
    .map((segment, i) => {
      if (segment === '') return segment;
      const entity = /^([^(]*)\(.*\)$/.exec(decodeSafely(segment));
      if (entity) return `${entity[1]}()`;
      if (i > 0 && ID_FOLLOWS.has(segments[i - 1]!.toLowerCase())) return ID;
      return isIdLike(segment) ? ID : segment;
    })
    .join('/');
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A URL or a path (with or without scheme and host): scheme and host kept, path redacted, query gone. */
export function redactUrl(value: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(value);
  if (match) return match[1]! + redactPath(match[2] || '/');
  return redactPath(value);
}

/** Any text (an attribute value, a span name, an exception message) with every known secret pattern taken out. */
export function redactText(value: string): string {
  return value
    .replace(URL_WITH_QUERY, '$1')
    .replace(URL_IN_TEXT, (_all, origin: string, path: string) => origin + redactPath(path))
    .replace(TABLE_KEY, `$1$2'${REDACTED}'`)
    // Teams ids before e-mail addresses: a channel id (19:...@thread.tacv2) looks like one.
    .replace(TEAMS_ID, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(GUID, REDACTED)
    .replace(LONG_HEX, REDACTED);
}

/** A span name: a path-like name ("GET /api/x?y") is redacted as a path, anything else as text. */
export function redactName(name: string): string {
  const method = /^([A-Z]+ )(\/.*)$/.exec(name);
  if (method) return method[1] + redactPath(method[2]!);
  return redactText(name);
}

/** An attribute value of any OpenTelemetry shape (string, number, boolean, arrays of them). */
type AttributeValue = string | number | boolean | Array<null | undefined | string | number | boolean> | null | undefined;

function redactValue(key: string, value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return URL_LIKE.has(key) ? redactText(redactUrl(value)) : redactText(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? redactText(v) : v));
  return value;
}

/**
 * Redacts an attribute map IN PLACE (spans are handed to the exporter by reference, so the
 * map that is changed is the one exported): drops the attributes that are whole secrets,
 * keeps URLs as host and path shape, and removes secret patterns from every other string.
 */
export function redactAttributes(attributes: Record<string, AttributeValue>): void {
  for (const key of Object.keys(attributes)) {
    if (DROPPED.has(key) || /(^|\.)(body|email|e_?mail|password|secret|token)$/i.test(key)) {
      delete attributes[key];
      continue;
    }
    attributes[key] = redactValue(key, attributes[key]);
  }
}
