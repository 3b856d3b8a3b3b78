import { Button } from '@fluentui/react-components';
import { TaskListAddRegular } from '@fluentui/react-icons';
import type { ApiDimension, TieFigures } from '../../../src/contract/api-contract';
import { DIMENSIONS } from '../ui/figure-format';
import { planHash } from './iv-route';

/** A tie's weakest shown dimensions, lowest first (at most `count`); suppressed ones are never read. */
export function weakestDimensions(tie: TieFigures, count = 2): ApiDimension[] {
  return DIMENSIONS.flatMap((d) => {
    const f = tie.dimensions[d];
    return f && !f.suppressed && f.mean !== null ? [{ d, mean: f.mean }] : [];
  })
    .sort((a, b) => a.mean - b.mean)
    .slice(0, count)
    .map((x) => x.d);
}

/** "Plan an intervention for this tie": the create form, filled in with the tie and its weakest dimensions. */
export function PlanLink({ tie, pulseId, compact = false }: { tie: TieFigures; pulseId: string; compact?: boolean }) {
  const label = `Plan an intervention for ${tie.from === tie.to ? `the tie within ${tie.fromName}` : `${tie.fromName} to ${tie.toName}`}`;
  return (
    <Button as="a" href={planHash(tie, weakestDimensions(tie), pulseId)} icon={<TaskListAddRegular />} size={compact ? 'small' : 'medium'}
      appearance={compact ? 'subtle' : 'secondary'} aria-label={label} title={label} data-plan-tie={`${tie.from}>${tie.to}`}>
      {compact ? 'Plan' : 'Plan an intervention for this tie'}
    </Button>
  );
}
