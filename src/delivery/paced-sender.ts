import type { CardSender, Recipient, SendHooks, SendOutcome } from '../app/ports';
import type { AdaptiveCard } from '../cards/card-types';
import type { Collaborative } from '../domain/model/collaborative';
import type { ConversationPacer } from './conversation-pacer';
import type { TenantPacer } from './tenant-pacer';

/** The last request a send made: its tenant, and when it left. */
interface LastRequest {
  tenant?: string;
  leftAt?: number;
}

/**
 * A CardSender whose every request waits for its tenant's rate and its conversation's
 * limits, for the one-off posts timed work makes (the closing summary, the fan-out line), so
 * they share the tenant's rate with the fan-out instead of pushing it over. A 429 pauses the
 * tenant for everyone, as in the fan-out.
 */
export class PacedSender implements CardSender {
  constructor(
    private readonly inner: CardSender,
    private readonly pacer: Pick<TenantPacer, 'acquire' | 'left' | 'answered' | 'pause'>,
    private readonly conversations: Pick<ConversationPacer, 'acquire'>,
    private readonly clock: () => Date,
  ) {}

  /** Each request waits for its slot; the pacer hears when it left, and `last` remembers it. */
  private hooks(fallbackTenant: string, last: LastRequest): SendHooks {
    return {
      beforeRequest: async (request) => {
        const tenant = (request.tenantId ?? fallbackTenant).toLowerCase();
        last.tenant = tenant;
        const slot = await this.pacer.acquire(tenant);
        if (request.conversationId) await this.conversations.acquire(request.conversationId);
        const wait = slot - this.clock().getTime();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last.leftAt = this.clock().getTime();
        this.pacer.left(tenant, slot, last.leftAt);
      },
    };
  }

  private async after(outcome: SendOutcome, last: LastRequest): Promise<SendOutcome> {
    if (last.leftAt !== undefined) this.pacer.answered(last.leftAt);
    if (outcome.statusCode === 429 && last.tenant) await this.pacer.pause(last.tenant, this.clock().getTime() + Math.max(1000, outcome.retryAfterMs ?? 1000));
    return outcome;
  }

  async sendToMember(member: Recipient, card: AdaptiveCard): Promise<SendOutcome> {
    const last: LastRequest = {};
    return this.after(await this.inner.sendToMember(member, card, this.hooks('unknown', last)), last);
  }

  async sendToChannel(collaborative: Collaborative, card: AdaptiveCard): Promise<SendOutcome> {
    const last: LastRequest = {};
    return this.after(await this.inner.sendToChannel(collaborative, card, this.hooks(collaborative.allowedTenantIds[0] ?? 'unknown', last)), last);
  }
}
