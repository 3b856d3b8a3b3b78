import { redactAttributes, redactName } from './redaction';

/**
 * A span processor that takes every secret out of a span as it ends, before any exporter sees
 * it: attributes (see redaction.ts: row and partition keys, queue message ids and bodies,
 * conversation and user ids, e-mail addresses, respondent keys, query strings), the span's
 * name, and its events (an exception's message and stack). The Azure Monitor distro calls its
 * span processors in order and exports from the last one (a batch processor) by reference, so
 * changing the ended span here changes what is sent.
 *
 * Written against the shape of a span rather than the OpenTelemetry SDK's types, so this file
 * loads nothing and the unit test can hand it crafted spans.
 */

type Attributes = Record<string, string | number | boolean | Array<null | undefined | string | number | boolean> | null | undefined>;

/** The parts of an ended span that can carry a secret. */
export interface RedactableSpan {
  name: string;
  readonly attributes: Attributes;
  readonly events: ReadonlyArray<{ name: string; attributes?: Attributes }>;
  readonly links?: ReadonlyArray<{ attributes?: Attributes }>;
}

/** Redacts ended spans in place; the SpanProcessor interface of OpenTelemetry. */
export class RedactingSpanProcessor {
  onStart(): void {
    // Nothing is exported at start: attributes set later are redacted at the end.
  }

  onEnd(span: RedactableSpan): void {
    // The span is ended, so its setters are closed; its fields are plain and are changed directly.
    (span as { name: string }).name = redactName(span.name);
    redactAttributes(span.attributes);
    for (const event of span.events) {
      (event as { name: string }).name = redactName(event.name);
      if (event.attributes) redactAttributes(event.attributes);
    }
    for (const link of span.links ?? []) if (link.attributes) redactAttributes(link.attributes);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
