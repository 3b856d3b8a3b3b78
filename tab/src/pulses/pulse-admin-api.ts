import {
  pulseAdminPaths,
  pulseAdminResponseSchema,
  pulseCancelResponseSchema,
  pulseEditResponseSchema,
  pulseExtendResponseSchema,
  pulseResendResponseSchema,
  pulseStartResponseSchema,
  type PulseEditBody,
  type PulseExtendBody,
  type PulseStartBody,
} from '../../../src/contract/pulse-admin-contract';
import type { ApiClient } from '../api/api-client';

/**
 * The facilitators' pulse routes as the tab calls them, every answer checked against the
 * shared contract (src/contract/pulse-admin-contract.ts).
 */
export function pulseAdminApi(api: ApiClient, collaborativeId: string) {
  const paths = pulseAdminPaths;
  return {
    list: () => api.get(paths.list(collaborativeId), pulseAdminResponseSchema),
    start: async (body: PulseStartBody) => (await api.send('POST', paths.pulses(collaborativeId), body, pulseStartResponseSchema)).data,
    edit: async (pulseId: string, body: PulseEditBody) => (await api.send('PATCH', paths.pulse(collaborativeId, pulseId), body, pulseEditResponseSchema)).data,
    extend: async (pulseId: string, body: PulseExtendBody) => (await api.send('POST', paths.action(collaborativeId, pulseId, 'extend'), body, pulseExtendResponseSchema)).data,
    resend: async (pulseId: string) => (await api.send('POST', paths.action(collaborativeId, pulseId, 'resend'), {}, pulseResendResponseSchema)).data,
    /** Without confirm: the question to ask (nothing changes). */
    cancel: async (pulseId: string, confirm: boolean) =>
      (await api.send('POST', paths.action(collaborativeId, pulseId, 'cancel'), confirm ? { confirm: true } : {}, pulseCancelResponseSchema)).data,
  };
}

export type PulseAdminCalls = ReturnType<typeof pulseAdminApi>;
