import WebSocket from 'ws';

/**
 * Drives the Microsoft 365 Agents Playground the way its web page does, over its own REST
 * API, and listens to what the bot posts on its WebSocket. Learnt by running it (0.2.28):
 * - POST /_debug/conversation/{id}/installation: the app added there (the page calls it when a
 *   conversation is first opened); the playground sends the bot installationUpdate and
 *   conversationUpdate (membersAdded: the bot) at the same moment, as Teams does.
 * - POST /_conversation/v1/conversations/{id}/messages: a message typed by the signed-in person
 *   (whatever `from` says); in a channel the bot only hears it when mentioned.
 * - POST /_conversation/v1/invoke: an Action.Execute pressed on a card (replyToId: the card's
 *   message); it answers with the bot's card `{ type, value }`, which replaces the pressed one.
 * - WS /_ws_conversation/v1/conversations/stream: `{ action: 'createMessage',
 *   actionConversationId, message }` for everything the bot posts, in any conversation.
 */

type Card = Record<string, unknown>;

/** A message the bot posted, as the playground reports it. */
export interface PostedMessage {
  /** The conversation; in a channel, a reply's id carries ";messageid=..." after the channel's. */
  conversationId: string;
  messageId: string;
  text?: string;
  cards: Card[];
  /** True when the bot replaced an earlier message (its messageId) in place. */
  updated?: boolean;
}

interface StreamEvent {
  action?: string;
  actionConversationId?: string;
  message?: { messageId?: string; text?: string; attachments?: { contentType?: string; content?: Card }[] };
}

/** A person's view of the playground: send, press buttons, and wait for the bot. */
export class PlaygroundClient {
  /** Everything the bot posted since connecting, in order. */
  readonly posted: PostedMessage[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly baseUrl: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data: WebSocket.Data) => {
      const event = JSON.parse(data.toString()) as StreamEvent;
      if ((event.action !== 'createMessage' && event.action !== 'updateMessage') || !event.message) return;
      const cards = (event.message.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content!);
      this.posted.push({
        conversationId: event.actionConversationId ?? '',
        messageId: event.message.messageId ?? '',
        ...(event.message.text ? { text: event.message.text } : {}),
        cards,
        ...(event.action === 'updateMessage' ? { updated: true } : {}),
      });
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects to the playground's stream; close() when done. */
  static async connect(baseUrl: string): Promise<PlaygroundClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PlaygroundClient(baseUrl, socket);
  }

  close(): void {
    this.socket.close();
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`playground ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** Adds the app to a conversation (a team's General channel, or the personal chat). */
  async install(conversationId: string): Promise<void> {
    await this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  /**
   * Types a message as the signed-in person; `mention` puts "@bot" first, as in a channel, and
   * `people` are @mentioned after the text (as Teams sends them: <at> tags and mention entities).
   */
  async say(conversationId: string, fromId: string, text: string, mention?: { id: string; name: string }, people: readonly { id: string; name: string }[] = []): Promise<void> {
    const at = mention ? `<at>${mention.name}</at>` : '';
    const tags = people.map((p) => `<at>${p.name}</at>`);
    const mentions = [...(mention ? [{ mentioned: { id: mention.id }, text: at }] : []), ...people.map((p, i) => ({ mentioned: { id: p.id }, text: tags[i]! }))];
    await this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      from: { id: fromId },
      text: [at, text, ...tags].filter(Boolean).join(' '),
      textFormat: 'plain',
      ...(mentions.length > 0 ? { mentions } : {}),
    });
  }

  /** Presses an Action.Execute button on the card of message `replyToId`; returns the card that replaces it. */
  async invoke(conversationId: string, fromId: string, replyToId: string, verb: string, data: Record<string, unknown>): Promise<Card> {
    const body = (await this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      from: { id: fromId },
      conversation: { id: conversationId },
      replyToId,
    })) as { type?: string; value?: Card } | undefined;
    if (body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
      throw new Error(`the bot did not answer with a card: ${JSON.stringify(body).slice(0, 300)}`);
    }
    return body.value;
  }

  /** A bookmark: pass it to waitFor to see only what the bot posts after this moment. */
  mark(): number {
    return this.posted.length;
  }

  /**
   * The first message posted since the bookmark `from` (default: since connecting) that
   * matches, or an error after timeoutMs listing what did arrive.
   */
  waitFor(match: (m: PostedMessage) => boolean, what: string, from = 0, timeoutMs = 20_000): Promise<PostedMessage> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.posted.slice(from).find(match);
        if (!found) return;
        cleanUp();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanUp();
        const seen = this.posted.map((m) => `${m.conversationId}: ${m.text?.slice(0, 80) ?? `${m.cards.length} card(s)`}`).join('\n  ');
        reject(new Error(`waited ${timeoutMs / 1000} s for ${what}; the bot posted:\n  ${seen || '(nothing)'}`));
      }, timeoutMs);
      const cleanUp = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
