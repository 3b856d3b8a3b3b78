import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../domain/instrument';
import { idSchema } from '../domain/model/primitives';
import { scheduleCarried } from './pulse-schedule-schema';
import { setupInputsShape } from './setup-form-schema';
import { transitionCarried, transitionCloseCarried, transitionFormShape } from './transition-form-schema';

/**
 * Every verb a card button sends, with the schema of the data that comes back: what the card
 * itself carried (collaborative and pulse ids, step, target) plus the values of the card's
 * inputs, merged by Teams. One verb -> one schema -> one handler. A pulse's card names its
 * collaborative, so a press goes straight to that collaborative's partition; survey data
 * also carries the step, so the bot can tell a stale or tampered card from the one it expects.
 * The ids are only addresses: every use-case checks the presser's rights there again.
 */

/** Values of a survey answer input: the score as a string, or "na" for not applicable. */
export const ANSWER_VALUES = ['1', '2', '3', '4', '5', 'na'] as const;
export const NOT_APPLICABLE_VALUE = 'na';

/** Id of the workgroup input on the first survey card. */
export const WORKGROUP_INPUT_ID = 'workgroupId';

/** The survey step: 0 = choose your workgroup, 1..N = the target groups, N + 1 = review. */
const stepSchema = z.int().min(0).max(1000);

const pulseRef = z.object({ collaborativeId: idSchema, pulseId: idSchema });
const stepRef = pulseRef.extend({ step: stepSchema });

/**
 * Cards sent before card data named the collaborative carry the pulse id alone. They are
 * still accepted, and the bot looks their collaborative up once per press (see
 * collaborativeOfOldCard). Remove after 2027-06-01: every such card's pulse has closed by then.
 */
const sentBefore = { collaborativeId: idSchema.optional() };

/** The commands the "which pulse" card runs for the pulse chosen (see which-pulse-card.ts). */
export const CHOOSABLE_COMMANDS = ['pulse status', 'pulse remind', 'pulse close', 'pulse resend', 'pulse cancel'] as const;

/** How much later "pulse extend" closes a pulse: a date, or a number of days (the rules in domain/pulse-lifecycle.ts). */
const extendTargetSchema = z.union([z.object({ date: z.iso.date() }), z.object({ days: z.int().min(1).max(56) })]);

/** A pulse chosen on the "which pulse" card: the command to run for it, with the extension asked for. */
const pulseChoice = z.union([
  pulseRef.extend({ command: z.enum(CHOOSABLE_COMMANDS) }),
  pulseRef.extend({ command: z.literal('pulse extend'), extend: extendTargetSchema }),
]);

/**
 * What each verb's card carries in its action data (not its inputs). Builders take these
 * types, so a card cannot send data its own schema would refuse.
 */
const CARRIED = {
  'survey.chooseWorkgroup': stepRef,
  'survey.answerGroup': stepRef.extend({ targetId: idSchema }),
  'survey.back': stepRef,
  'survey.saveForLater': stepRef,
  'survey.resume': pulseRef,
  'survey.submit': stepRef,
  'setup.save': z.object({ collaborativeId: idSchema, revision: z.string().max(200).optional() }),
  'status.refresh': pulseRef,
  'pulse.remind': pulseRef,
  /** Closing is final, so the status card asks first (confirmed false) and the confirm card says yes. */
  'pulse.close': pulseRef.extend({ confirmed: z.boolean() }),
  /** The transition form: where the check's card goes and the people mentioned, plus the form's inputs. */
  'transition.start': transitionCarried,
  /** The check's Close button: closes it now and publishes its figures (the use-case checks who may). */
  'transition.close': transitionCloseCarried,
  /** Cancelling deletes the answers, so the bot asks first (confirmed false) and the confirm card says yes. */
  'pulse.cancel': pulseRef.extend({ confirmed: z.boolean() }),
  /** Several pulses are open and a command named none: the button of the one meant runs it for that pulse. */
  'pulse.choose': pulseChoice,
  /** "pulse schedule" asks first: the card carries the request; confirmed true saves it, false drops it. */
  'pulse.schedule': scheduleCarried,
} as const;

export type Verb = keyof typeof CARRIED;
export const VERBS = Object.keys(CARRIED) as Verb[];
export type CarriedData<V extends Verb> = z.input<(typeof CARRIED)[V]>;

/** An unanswered choice set arrives as "" or not at all: missing, not tampered. */
const answerInput = z
  .union([z.literal(''), z.enum(ANSWER_VALUES)])
  .optional()
  .transform((v): number | null | undefined => (v === undefined || v === '' ? undefined : v === NOT_APPLICABLE_VALUE ? null : Number(v)));

const answerShape = Object.fromEntries(DIMENSIONS.map((d) => [d, answerInput])) as Record<Dimension, typeof answerInput>;

/** Answers given on one group's step; a dimension left out has not been answered yet. */
export type StepAnswers = Partial<Record<Dimension, number | null>>;

const optionalId = z
  .union([z.literal(''), idSchema])
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const SCHEMAS = {
  // The workgroup may be missing (older clients skip isRequired): the bot asks again, nothing is tampered.
  'survey.chooseWorkgroup': CARRIED['survey.chooseWorkgroup'].extend({ ...sentBefore, [WORKGROUP_INPUT_ID]: optionalId }),
  'survey.answerGroup': CARRIED['survey.answerGroup']
    .extend({ ...sentBefore, ...answerShape })
    .transform((d) => {
      const answers: StepAnswers = {};
      for (const dim of DIMENSIONS) if (d[dim] !== undefined) answers[dim] = d[dim];
      return { ...(d.collaborativeId ? { collaborativeId: d.collaborativeId } : {}), pulseId: d.pulseId, step: d.step, targetId: d.targetId, answers };
    }),
  'survey.back': CARRIED['survey.back'].extend(sentBefore),
  'survey.saveForLater': CARRIED['survey.saveForLater'].extend(sentBefore),
  'survey.resume': CARRIED['survey.resume'].extend(sentBefore),
  'survey.submit': CARRIED['survey.submit'].extend(sentBefore),
  'setup.save': CARRIED['setup.save'].extend(setupInputsShape),
  'status.refresh': CARRIED['status.refresh'].extend(sentBefore),
  'pulse.remind': CARRIED['pulse.remind'].extend(sentBefore),
  'pulse.close': CARRIED['pulse.close'].extend(sentBefore),
  'transition.start': CARRIED['transition.start'].extend(transitionFormShape),
  'transition.close': CARRIED['transition.close'],
  'pulse.cancel': CARRIED['pulse.cancel'],
  'pulse.choose': CARRIED['pulse.choose'],
  'pulse.schedule': CARRIED['pulse.schedule'],
} satisfies Record<Verb, z.ZodType>;

/** The schema that checks what a card sends back for a verb. */
export function verbSchema<V extends Verb>(verb: V): (typeof SCHEMAS)[V] {
  return SCHEMAS[verb];
}

/** The typed data a verb brings back once checked. */
export type CardActionData<V extends Verb> = z.output<(typeof SCHEMAS)[V]>;

/** A checked card action: switch on `verb` and `data` has that verb's shape. */
export type CardAction = { [V in Verb]: { verb: V; data: CardActionData<V> } }[Verb];

/** What a pulse's card carries to find its pulse: the collaborative and the pulse. */
export type PulseCardRef = z.infer<typeof pulseRef>;

/** True when the value is one of the verbs RC Pulse's cards send. */
export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CARRIED, value);
}
