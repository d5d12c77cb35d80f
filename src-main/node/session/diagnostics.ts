// A bounded log of the last frames both ways, for "copy diagnostics" and for support. Passwords
// never enter it: `pwd` is redacted from what is sent and from what the server echoes back.

export interface DiagnosticEntry {
  at: number;
  /** out: sent; in: received; note: something the session noticed (a decode error, a late response). */
  dir: 'out' | 'in' | 'note';
  text: string;
}

const PWD = /("pwd"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;

export function redact(text: string): string {
  return text.replace(PWD, '$1"***"');
}

export class DiagnosticsLog {
  private readonly entries: DiagnosticEntry[] = [];
  private start = 0;
  constructor(
    readonly capacity = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes at the ring's start: while it fills, that is the end; once full, the oldest entry. */
  add(dir: DiagnosticEntry['dir'], text: string): void {
    this.entries[this.start] = { at: this.now(), dir, text: redact(text) };
    this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  list(): DiagnosticEntry[] {
    return [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
  }
}
