/**
 * Finds the command someone probably meant ("pulse stat" -> "pulse status"), so a typo gets
 * a helpful "Did you mean ...?" rather than a shrug.
 */

/**
 * Edit distance with adjacent transpositions counting as one edit (optimal string
 * alignment), since "hlep" for "help" is the commonest slip on a phone.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** How far a typo may be from a name and still be suggested: about one slip in three letters. */
function tolerance(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/** Words that appear in several commands, so on their own they point at none of them. */
const SHARED_WORDS = new Set(['pulse', 'my']);

/** A command cut short ("pulse stat", "res") beats any edit: people stop typing early on phones. */
const TRUNCATED = 0.5;

/**
 * The command nearest to the lower-case words typed, or undefined when none is close. Each
 * command is compared with as many leading words as it has; a word that only one command
 * contains ("status", "remind", "data") points straight at it.
 */
export function nearestCommand<N extends string>(words: readonly string[], names: readonly N[]): N | undefined {
  let best: { name: N; distance: number } | undefined;
  for (const name of names) {
    const nameWords = name.split(' ');
    const typed = words.slice(0, nameWords.length).join(' ');
    let distance = editDistance(typed, name);
    const lastTyped = typed.split(' ').at(-1) ?? '';
    if (words.length === nameWords.length && lastTyped.length >= 2 && name.startsWith(typed)) distance = Math.min(distance, TRUNCATED);
    if (words.length > 0 && words.length <= 2 && !SHARED_WORDS.has(words[0]!) && nameWords.slice(1).includes(words[0]!)) {
      distance = 0;
    }
    if (distance <= tolerance(name) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
