import type { TransitionSeats } from '../survey/survey-state';
import { closeIfEveryoneAnswered } from './close-transition';
import type { TransitionDeps } from './transition-deps';
import { seatOf } from './transition-staff';

/**
 * What the survey conversation needs of transition checks (SurveyDeps.transitionSeats): the
 * role a check gives a member of staff (they answer for it whether or not the collaborative's
 * list has them), and, after their submit, the close once everyone invited has answered.
 */
export function transitionSeats(deps: Pick<TransitionDeps, 'storage' | 'clock' | 'log'>): TransitionSeats {
  return {
    async seat(scope, aadObjectId) {
      const check = await deps.storage.transitions.find(scope.collaborativeId, scope.pulseId);
      return check ? seatOf(check.value, aadObjectId) : undefined;
    },
    async answered(scope) {
      await closeIfEveryoneAnswered(deps, scope);
    },
  };
}
