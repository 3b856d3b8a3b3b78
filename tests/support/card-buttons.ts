/**
 * Reading a card the way a Teams client does when a button is pressed: its Action.Execute
 * buttons and the values of its inputs. Plain functions with no parser and no jest, so the
 * benchmarks can press buttons too.
 */

/** Every Action.Execute in a card (body and actions), in document order. */
export function executeActions(json: unknown): { verb: string; title: string; data: Record<string, unknown>; associatedInputs?: string }[] {
  const found: { verb: string; title: string; data: Record<string, unknown>; associatedInputs?: string }[] = [];
  const walk = (node: unknown, isFallback: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, false));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute' && !isFallback) {
      found.push({
        verb: o.verb as string,
        title: o.title as string,
        data: o.data as Record<string, unknown>,
        ...(typeof o.associatedInputs === 'string' ? { associatedInputs: o.associatedInputs } : {}),
      });
    }
    for (const [key, value] of Object.entries(o)) walk(value, key === 'fallback');
  };
  walk(json, false);
  return found;
}

/** Every input of a card with its id and pre-filled value, as Teams would send them back. */
export function inputValues(json: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
      values[o.id] = o.value === undefined ? '' : typeof o.value === 'number' ? String(o.value) : o.value;
    }
    Object.values(o).forEach(walk);
  };
  walk(json);
  return values;
}

/**
 * What pressing the button titled `title` sends: its verb, and its data merged over the card's
 * inputs (with `inputs` typed over them), unless the button sends no inputs.
 */
export function buttonData(card: unknown, title: string, inputs: Record<string, unknown> = {}): { verb: string; data: Record<string, unknown> } {
  const button = executeActions(card).find((a) => a.title === title);
  if (!button) throw new Error(`no "${title}" button; the card has ${executeActions(card).map((a) => a.title).join(', ')}`);
  const values = button.associatedInputs === 'none' ? {} : { ...inputValues(card), ...inputs };
  return { verb: button.verb, data: { ...values, ...button.data } };
}
