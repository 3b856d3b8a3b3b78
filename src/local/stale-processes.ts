import fs from 'node:fs';
import path from 'node:path';

/**
 * Remembers the child processes of `npm start` in the data folder, so that after a crash
 * (the launcher killed without a chance to stop its children) the next start can find the
 * orphans still holding the ports and stop them, instead of failing with "port in use".
 */
export class ProcessRegistry {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'processes.json');
  }

  record(pids: number[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify({ pids }));
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }

  /**
   * Stops processes left by an earlier start that crashed, when they are still ours (their
   * command line names this project's Azurite, server or Agents Playground). Returns how many
   * were stopped.
   */
  async stopOrphans(projectDir: string): Promise<number> {
    let pids: number[] = [];
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { pids?: unknown };
      pids = Array.isArray(parsed.pids) ? parsed.pids.filter((p): p is number => Number.isInteger(p) && p > 1) : [];
    } catch {
      return 0;
    }
    let stopped = 0;
    for (const pid of pids) {
      if (!isOurs(pid, projectDir)) continue;
      try {
        process.kill(pid, 'SIGTERM');
        stopped++;
      } catch {
        // Already gone.
      }
    }
    // Give them a moment to release their ports.
    for (let i = 0; i < 30 && pids.some((pid) => isAlive(pid)); i++) await new Promise((r) => setTimeout(r, 100));
    this.clear();
    return stopped;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Where this project's programs live: itself, and its node_modules where that is a link elsewhere. */
function projectRoots(projectDir: string): string[] {
  try {
    return [projectDir, fs.realpathSync(path.join(projectDir, 'node_modules'))];
  } catch {
    return [projectDir];
  }
}

function isOurs(pid: number, projectDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    const programs = ['azurite', path.join('dist', 'bot', 'index.js'), 'm365agentsplayground'];
    return projectRoots(projectDir).some((root) => cmdline.includes(root)) && programs.some((part) => cmdline.includes(part));
  } catch {
    return false;
  }
}
