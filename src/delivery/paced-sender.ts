import type { AdaptiveCard, CardSender, Clock, Recipient, SendHooks, SendOutcome } from '../app/ports';
import type { Collaborative } from '../domain/model/collaborative';
import { afterAnswer, leaveOnSlot, type RequestPacing } from './request-pacing';

/** The last request a send made: its tenant, and when it left. */
interface LastRequest {
  tenant?: string;
  leftAt?: number;
}

/**
 * A CardSender whose every request waits for its tenant's rate and its conversation's
 * limits, for the one-off posts timed work makes (the closing summary, the fan-out line), so
 * they share the tenant's rate with the fan-out instead of pushing it over. A 429 pauses the
 * tenant for everyone, as in the fan-out (see request-pacing.ts).
 */
export class PacedSender implements CardSender {
  private readonly pacing: RequestPacing;

  constructor(
    private readonly inner: CardSender,
    pacer: RequestPacing['pacer'],
    conversations: RequestPacing['conversations'],
    clock: Clock,
  ) {
    this.pacing = { pacer, conversations, now: () => clock().getTime() };
  }

  /** Each request waits for its slot; `last` remembers its tenant and when it left. */
  private hooks(fallbackTenant: string, last: LastRequest): SendHooks {
    return {
      beforeRequest: async (request) => {
        const tenant = (request.tenantId ?? fallbackTenant).toLowerCase();
        last.tenant = tenant;
        last.leftAt = await leaveOnSlot(this.pacing, tenant, request.conversationId);
      },
    };
  }

  private async after(outcome: SendOutcome, last: LastRequest): Promise<SendOutcome> {
    await afterAnswer(this.pacing, last.tenant, last.leftAt, outcome);
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
