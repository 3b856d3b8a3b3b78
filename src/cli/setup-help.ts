import { DEFAULT_K, K_MAX, K_MIN } from '../domain/anonymity';
import { DEFAULT_MIN_ITEMS } from '../domain/scoring';
import type { SetupTopic } from './setup-args';

const SETTINGS = `Where the data is: these commands use the storage named by STORAGE_CONNECTION_STRING or
STORAGE_ACCOUNT_URL, with SECRET_LEDGER_HMAC_KEY and STORAGE_NAME_PREFIX, read from the
environment and from env/.env.local and env/.env.local.user (the environment wins). Locally,
npm start runs Azurite (the storage emulator) and writes these for you.`;

const EXITS = `Exit codes: 0 done; 2 a problem with what was given (the message says what); 1 storage
could not be reached, or something went wrong inside rc-pulse.`;

const TEXT: Record<SetupTopic, string> = {
  collaborative: `Usage:
  rc-pulse collaborative create --name NAME --focal-process TEXT [--id ID] [--k N] [--min-items N]
                                [--tenant GUID]... [--facilitator GUID]...
  rc-pulse collaborative show ID
  rc-pulse collaborative set ID [--focal-process TEXT] [--k N] [--min-items N]
                                [--facilitator GUID]... [--tenant GUID]... [--instrument FILE.json]
                                [--intervention-digest on|off] [--keep-sending-days N]
                                [--keep-answers-months N] [--keep-transitions-months N]

create  Creates a collaborative and prints it as JSON. Its id is made from the name unless
        you give --id.
show    Prints the collaborative, its organisations and workgroups, and how many members it
        has, as JSON.
set     Changes the settings given and prints the collaborative as JSON. --facilitator and
        --tenant replace the whole list; repeat them to give several.

Options:
  --focal-process TEXT  The work the survey asks about, e.g. "discharge from the mother and baby unit".
  --k N                 Smallest group whose figures are shown, ${K_MIN} to ${K_MAX} (default ${DEFAULT_K}).
  --min-items N         Items out of 7 a rating of a workgroup needs to count, 1 to 7 (default ${DEFAULT_MIN_ITEMS}).
  --facilitator GUID    Entra object id of someone who may set up, start and close pulses.
  --tenant GUID         Entra tenant whose people may take part (beyond the shared NHSmail one).
  --instrument FILE     A JSON file with the collaborative's licensed RC Survey wording: the same
                        seven dimensions and 1-5 scores, any wording and option labels.
  --intervention-digest on|off
                        Whether a short digest of what changed in the interventions is posted in
                        the collaborative's channel every Monday morning (default off).
  --keep-sending-days N Days after a pulse closes that its invitations, reminders and ledger
                        are kept, 30 to 730 (default 90).
  --keep-answers-months N
                        Months after a pulse closes that its anonymous answers and figures are
                        kept, 12 to 120 (default 60); then the pulse is deleted.
  --keep-transitions-months N
                        The same for a transition check, 1 to 60 (default 12).

Example:
  rc-pulse collaborative create --name "Yorkshire and Humber PMH Collaborative" --focal-process "admission to the mother and baby unit" --k 5`,

  workgroups: `Usage:
  rc-pulse workgroups set ID NAME [NAME]...
  rc-pulse workgroups set ID --file WORKGROUPS.csv

Sets the workgroups of collaborative ID to exactly the list given, in one step. Each item
is a name ("MBU nursing") or an id and a new name ("mbu-nursing=Mother and baby unit nursing")
to rename one. A workgroup left out is retired (kept, so past results still name it) when
pulses or members refer to it, and deleted when nothing does. The file is a CSV with a name
column and, optionally, an id column.

Example:
  rc-pulse workgroups set yorkshire-humber-pmh "MBU nursing" "Community perinatal team" "Maternity"`,

  organisations: `Usage:
  rc-pulse organisations set ID ORG [ORG]...
  rc-pulse organisations set ID --file ORGANISATIONS.csv

Sets the partner organisations (Trusts) of collaborative ID to exactly the list given. Each
item is id=Name ("lypft=Leeds and York Partnership NHS Foundation Trust"), or just a name, whose
id is then made from it. Roster files may name an organisation by id or by name. One left
out is retired when members or workgroups refer to it, and deleted otherwise. The file is a
CSV with the columns id,name.

Example:
  rc-pulse organisations set yorkshire-humber-pmh "lypft=Leeds and York Partnership NHS Foundation Trust" "humber=Humber Teaching NHS Foundation Trust"`,

  roster: `Usage: rc-pulse roster import FILE.csv --collaborative ID

Imports the people who take part. The file (UTF-8 CSV) has the header
  name,email,organisation,workgroup
where email may be an e-mail address or a user principal name, organisation is the id or
name of a partner organisation, and workgroup (the name of one) may be left empty for people
to choose when they answer. Importing again updates people (matched by e-mail or UPN, in any
case) instead of adding them twice, and keeps what Teams knows about them.

If any line is wrong, nothing is imported: each bad line is named, with its column.

Example:
  rc-pulse roster import staff.csv --collaborative yorkshire-humber-pmh`,

  export: `Usage: rc-pulse export responses --pulse ID [--collaborative ID] [--out FILE.csv]
       rc-pulse export learning --collaborative ID [--format md|csv] [--out FILE]

Writes the anonymised answers of a pulse in the CSV format that rc-pulse score reads, so a
pulse can be scored again anywhere. Each respondent gets a random id made for this export
only; workgroups are given by name. Answers still waiting to be released are not included.
No workgroup with fewer respondents than the pulse's k is shown: they are pooled as "Other
groups", or left out if even the pool has fewer than k. One line on standard error says how
many. Targets keep their names. Prints to the screen unless --out is given. --collaborative is needed only when two
collaboratives have a pulse with the same id.

export learning writes what the collaborative learnt, for a regional report: the headline
results of every closed pulse, the interventions with their kinds, status and impact on the
ties they aim at, and the notes of their logs. Anonymised: nothing from fewer than k people,
and no one's name. Markdown by default; --format csv for a spreadsheet.

Example:
  rc-pulse export responses --pulse demo-baseline-2024 --out baseline.csv && rc-pulse score baseline.csv
  rc-pulse export learning --collaborative yorkshire-humber-pmh --out learning.md`,

  seed: `Usage: rc-pulse seed demo

Writes the demo collaborative (Yorkshire and Humber, id yorkshire-humber-pmh): its 7 partner
Trusts, 6 staff workgroups and Families (for pulses with the families' voice), invented
members, and two closed pulses (spring and autumn 2024) with their answers. Running it again changes nothing; a run that stopped half-way is completed.

Example:
  rc-pulse seed demo`,
};

/** The help text of a set-up command, ending with a line break. */
export function setupHelpText(topic: SetupTopic): string {
  return `${TEXT[topic]}\n\n${SETTINGS}\n\n${EXITS}\n`;
}
