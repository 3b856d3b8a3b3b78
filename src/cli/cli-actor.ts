import { userInfo } from 'node:os';
import type { AuditActor } from '../app/ports';

/** The person at the keyboard, as the audit trail records them: 'cli', with their user name when known. */
export function cliActor(): AuditActor {
  let name: string | undefined;
  try {
    name = userInfo().username.trim() || undefined;
  } catch {
    name = undefined; // some containers have no user name; the trail still says 'cli'
  }
  return { id: 'cli', name: name?.slice(0, 200) };
}
