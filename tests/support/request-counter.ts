import type { TableClient } from '@azure/data-tables';

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

/** Counts the HTTP requests a TableClient sends, by method and whether they are batches. */
export function countRequests(client: TableClient): { batches: number; reads: number; reset(): void } {
  const counter = {
    batches: 0,
    reads: 0,
    reset() {
      counter.batches = 0;
      counter.reads = 0;
    },
  };
  const policy: PipelinePolicy = {
    name: `requestCounter${Math.random()}`,
    sendRequest(request, next) {
      if (request.method === 'POST' && request.url.includes('$batch')) counter.batches += 1;
      if (request.method === 'GET') counter.reads += 1;
      return next(request);
    },
  };
  client.pipeline.addPolicy(policy, { afterPhase: 'Retry' });
  return counter;
}
