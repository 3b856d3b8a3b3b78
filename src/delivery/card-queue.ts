import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential } from '@azure/identity';
import { QueueServiceClient, type DequeuedMessageItem, type QueueClient } from '@azure/storage-queue';
import { queueEndpointOf, queueName, type StorageConfig } from '../config/config';
import { forEachLimit } from '../storage/batch-writer';

/**
 * The Azure Storage Queue that holds one message per card to send (Azurite locally). The
 * queue is the work list shared by every instance; a message's visibility timeout is the
 * lease of the worker that took it: if that worker dies, the message comes back by itself.
 */

/** A message as a worker received it; `popReceipt` proves it still holds the lease. */
export interface ReceivedMessage {
  messageId: string;
  popReceipt: string;
  text: string;
  dequeueCount: number;
}

/** The longest a message may be hidden: the service's limit is 7 days. */
const MAX_HIDE_SECONDS = 7 * 24 * 60 * 60 - 60;
/**
 * Messages sent at once when queuing a fan-out (the service has no batch send). Few: the
 * workers' receives and deletes share the queue service, and sending must not wait on them.
 */
const SEND_PARALLEL = 2;

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

/** The card queue: enqueue a fan-out, receive, delete when done, hide to try again later. */
export class CardQueue {
  constructor(readonly client: QueueClient) {}

  /** Creates the queue when it is missing; safe at every start. */
  async ensure(): Promise<void> {
    await this.client.createIfNotExists();
  }

  /** Adds messages, each hidden for `delaySeconds` first (0: at once), `parallel` at a time. */
  async enqueue(texts: readonly string[], delaySeconds = 0, parallel = SEND_PARALLEL): Promise<void> {
    const visibilityTimeout = Math.min(MAX_HIDE_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
    // -1: never expires. A message lives minutes normally; a reminder waiting out a weekend lives days.
    await forEachLimit(texts, parallel, async (text) => {
      await this.client.sendMessage(text, { messageTimeToLive: -1, ...(visibilityTimeout > 0 ? { visibilityTimeout } : {}) });
    });
  }

  /** Takes up to `count` messages (at most 32), each hidden from others for `leaseSeconds`. */
  async receive(count: number, leaseSeconds: number): Promise<ReceivedMessage[]> {
    const res = await this.client.receiveMessages({ numberOfMessages: Math.max(1, Math.min(32, count)), visibilityTimeout: leaseSeconds });
    return res.receivedMessageItems.map((m: DequeuedMessageItem) => ({
      messageId: m.messageId,
      popReceipt: m.popReceipt,
      text: m.messageText,
      dequeueCount: m.dequeueCount,
    }));
  }

  /** Removes a handled message. Gone already, or taken by another worker since: fine. */
  async delete(message: ReceivedMessage): Promise<void> {
    try {
      await this.client.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 400) throw error;
    }
  }

  /** Hides a message for `delaySeconds` so it is tried again then (by any instance). */
  async retryLater(message: ReceivedMessage, delaySeconds: number): Promise<void> {
    const seconds = Math.min(MAX_HIDE_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
    try {
      await this.client.updateMessage(message.messageId, message.popReceipt, undefined, seconds);
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 400) throw error;
    }
  }

  /** About how many messages the queue holds, hidden ones included. */
  async approximateCount(): Promise<number> {
    return (await this.client.getProperties()).approximateMessagesCount ?? 0;
  }
}

/** Retry settings for the queue client (the SDK's exponential retry for transient faults). */
export interface QueueClientOptions {
  maxTries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
  tryTimeoutInMs?: number;
  credential?: TokenCredential;
}

/**
 * The card queue for a storage configuration: from the connection string (its QueueEndpoint,
 * or Azurite's defaults), or from the Table endpoint's account with managed identity. Named
 * '<prefix>-cards', the prefix in lower case as queue names must be.
 */
export function createCardQueue(config: StorageConfig, options: QueueClientOptions = {}): CardQueue {
  const retryOptions = {
    maxTries: options.maxTries ?? 4,
    retryDelayInMs: options.retryDelayInMs ?? 300,
    maxRetryDelayInMs: options.maxRetryDelayInMs ?? 3000,
    tryTimeoutInMs: options.tryTimeoutInMs ?? 15_000,
  };
  const conn = config.connection;
  const service =
    conn.kind === 'connection-string'
      ? QueueServiceClient.fromConnectionString(conn.connectionString, { retryOptions })
      : new QueueServiceClient(queueEndpointOf(conn.accountUrl), options.credential ?? new DefaultAzureCredential(), { retryOptions });
  return new CardQueue(service.getQueueClient(queueName(config.namePrefix, 'cards')));
}
