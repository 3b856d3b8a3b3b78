/* Pure: no DOM, so unit tests can check it. */
import { apiDimensionSchema, type ApiDimension } from '../../../src/contract/api-contract';

/**
 * Where in the collaborative's pages the address points, read from its hash so that a link,
 * a reload and the browser's Back button all keep the place:
 * - anything else: the results views (#overview, #map, ...: see results-views.tsx)
 * - #interventions: the board; #interventions/impact: impact across all of them
 * - #interventions/new?from=A&to=B&dimensions=x,y&pulse=P: the create form, filled in
 * - #interventions/ID and #interventions/ID/edit: one intervention, and its form
 * - #talk: "Talk it through" for the chosen pulse
 * - #audit: the audit trail (facilitators)
 * - #transitions: the transition checks; #transitions/new: the form that starts one
 * - #pulses: the pulses (facilitators); #pulses/new: start or schedule one; #pulses/ID/edit: change a scheduled one
 */
export type Route =
  | { page: 'results' }
  | { page: 'board' }
  | { page: 'impact' }
  | { page: 'new'; prefill: Prefill }
  | { page: 'detail'; id: string }
  | { page: 'edit'; id: string }
  | { page: 'talk' }
  | { page: 'audit' }
  | { page: 'transitions' }
  | { page: 'transition-new' }
  | { page: 'pulses' }
  | { page: 'pulse-new' }
  | { page: 'pulse-edit'; id: string };

/** What "Plan an intervention" fills in: the tie, its weakest dimensions, the pulse it answers. */
export interface Prefill {
  ties: { from: string; to: string }[];
  dimensions: ApiDimension[];
  pulseId?: string;
  catalogueId?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** Reads a hash (with or without its '#') as a route; anything unknown is the results. */
export function routeFromHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'talk') return { page: 'talk' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'transitions') return parts[1] === 'new' ? { page: 'transition-new' } : { page: 'transitions' };
  if (parts[0] === 'pulses') {
    if (parts[1] === 'new') return { page: 'pulse-new' };
    return parts[1] && ID.test(parts[1]) && parts[2] === 'edit' ? { page: 'pulse-edit', id: parts[1] } : { page: 'pulses' };
  }
  if (parts[0] !== 'interventions') return { page: 'results' };
  if (parts.length === 1) return { page: 'board' };
  if (parts[1] === 'impact') return { page: 'impact' };
  if (parts[1] === 'new') return { page: 'new', prefill: prefillFrom(new URLSearchParams(query)) };
  const id = parts[1]!;
  if (!ID.test(id)) return { page: 'board' };
  return parts[2] === 'edit' ? { page: 'edit', id } : { page: 'detail', id };
}

function prefillFrom(q: URLSearchParams): Prefill {
  const from = q.get('from');
  const to = q.get('to');
  const ties = from && to && ID.test(from) && ID.test(to) ? [{ from, to }] : [];
  const dimensions = (q.get('dimensions') ?? '')
    .split(',')
    .flatMap((d) => (apiDimensionSchema.safeParse(d).success ? [d as ApiDimension] : []))
    .filter((d, i, all) => all.indexOf(d) === i);
  const pulse = q.get('pulse');
  const catalogue = q.get('catalogue');
  return {
    ties,
    dimensions,
    ...(pulse && ID.test(pulse) ? { pulseId: pulse } : {}),
    ...(catalogue && /^[a-z]+(-[a-z]+)*$/.test(catalogue) ? { catalogueId: catalogue } : {}),
  };
}

/** The hash of a route (with its '#'). */
export function hashOf(route: Route): string {
  switch (route.page) {
    case 'results':
      return '#overview';
    case 'board':
      return '#interventions';
    case 'impact':
      return '#interventions/impact';
    case 'talk':
      return '#talk';
    case 'audit':
      return '#audit';
    case 'transitions':
      return '#transitions';
    case 'transition-new':
      return '#transitions/new';
    case 'pulses':
      return '#pulses';
    case 'pulse-new':
      return '#pulses/new';
    case 'pulse-edit':
      return `#pulses/${encodeURIComponent(route.id)}/edit`;
    case 'detail':
      return `#interventions/${encodeURIComponent(route.id)}`;
    case 'edit':
      return `#interventions/${encodeURIComponent(route.id)}/edit`;
    case 'new': {
      const { ties, dimensions, pulseId, catalogueId } = route.prefill;
      const q = new URLSearchParams();
      if (ties[0]) {
        q.set('from', ties[0].from);
        q.set('to', ties[0].to);
      }
      if (dimensions.length > 0) q.set('dimensions', dimensions.join(','));
      if (pulseId) q.set('pulse', pulseId);
      if (catalogueId) q.set('catalogue', catalogueId);
      const text = q.toString();
      return `#interventions/new${text ? `?${text}` : ''}`;
    }
  }
}

/** The hash that opens the create form for one tie (and its weakest dimensions). */
export function planHash(tie: { from: string; to: string }, dimensions: readonly ApiDimension[] = [], pulseId?: string, catalogueId?: string): string {
  return hashOf({ page: 'new', prefill: { ties: [{ from: tie.from, to: tie.to }], dimensions: [...dimensions], ...(pulseId ? { pulseId } : {}), ...(catalogueId ? { catalogueId } : {}) } });
}
