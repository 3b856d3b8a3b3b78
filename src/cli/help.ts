import { DEFAULT_K, K_MAX, K_MIN } from '../domain/anonymity';
import { DEFAULT_MIN_ITEMS } from '../domain/scoring';
import type { HelpTopic } from './args';

const OPTIONS = `Options:
  --k N           Smallest group whose figures are shown, ${K_MIN} to ${K_MAX} (default ${DEFAULT_K}).
                  Figures from fewer people read "suppressed", to protect anonymity.
  --min-items N   How many of the 7 items a rating of a workgroup needs to count,
                  1 to 7 (default ${DEFAULT_MIN_ITEMS}).
  --help          Show this help.`;

const INPUT = `The CSV file (UTF-8, comma separated, with this header line, columns in any order):
  respondent,workgroup,target,dimension,score
  r001,Mother and baby unit,Community perinatal team,timely,4
  r001,Mother and baby unit,Community perinatal team,accurate,
score is a whole number from 1 to 5, or empty for "not applicable". dimension is one of
frequent, timely, accurate, problem_solving, shared_goals, shared_knowledge, mutual_respect.`;

const EXITS = `Exit codes: 0 done; 2 a problem with the input (the message says which file, line
and column); 1 something went wrong inside rc-pulse.`;

const TEXT: Record<HelpTopic, string> = {
  general: `rc-pulse: relational coordination (RC) scores from survey ratings, and the set-up of
RC Pulse collaboratives.

Usage:
  rc-pulse score FILE.csv [--k N] [--min-items N]
  rc-pulse compare BEFORE.csv AFTER.csv [--k N] [--min-items N]
  rc-pulse collaborative create|show|set ...
  rc-pulse workgroups set ID NAME...        rc-pulse organisations set ID ID=NAME...
  rc-pulse roster import FILE.csv --collaborative ID
  rc-pulse export responses --pulse ID [--out FILE.csv]
  rc-pulse export learning --collaborative ID [--format md|csv]
  rc-pulse seed demo
  rc-pulse forget --user UPN|OBJECT_ID --collaborative ID
  rc-pulse delete pulse PULSE_ID --collaborative ID --yes
  rc-pulse audit --collaborative ID [--since YYYY-MM-DD]
  rc-pulse COMMAND --help

Commands:
  score          Score one pulse and print every figure as JSON.
  compare        Compare two pulses of the same collaborative and print the changes as JSON.
  collaborative  Create a collaborative, show it, or change its settings (k, min items, ...).
  workgroups     Set the workgroups whose ties are measured.
  organisations  Set the partner organisations (Trusts).
  roster         Import the people who take part from a CSV file.
  export         Write a pulse's anonymised answers as a CSV file that score reads, or
                 what a collaborative learnt (results, interventions, impact).
  seed           Write the Yorkshire and Humber demo collaborative.
  forget         Forget one person (right to erasure); anonymous answers stay.
  delete         Delete a closed pulse with all its rows.
  audit          Print a collaborative's audit trail as CSV.

Example:
  rc-pulse score ratings.csv --k 5 > results.json`,

  score: `Usage: rc-pulse score FILE.csv [--k N] [--min-items N]

Scores one pulse: overall RC, between-group RC, each dimension, the communication and
relationship indices, every tie between workgroups, each workgroup's outgoing and incoming
RC, and Cronbach's alpha. Prints JSON.

${INPUT}

${OPTIONS}

Example:
  rc-pulse score ratings.csv --k 5 --min-items 4 > results.json

${EXITS}`,

  compare: `Usage: rc-pulse compare BEFORE.csv AFTER.csv [--k N] [--min-items N]

Compares two pulses of the same collaborative: for each figure, the change with a 95%
interval, called "improved" or "declined" only when the interval leaves out zero. Prints JSON.
Both files use the same format as for rc-pulse score.

${INPUT}

${OPTIONS}

Example:
  rc-pulse compare march.csv september.csv > change.json

${EXITS}`,
};

/** The help text for a topic, ending with a line break. */
export function helpText(topic: HelpTopic): string {
  return `${TEXT[topic]}\n`;
}
