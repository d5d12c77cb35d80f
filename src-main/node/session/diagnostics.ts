// A bounded log of the last frames both ways, for "copy diagnostics" and for support. Passwords
// never enter it: `pwd` is redacted from what is sent and from what the server echoes back.
// Bounded in entries and in characters, each entry and in total, so a server sending huge frames
// cannot make it hold more than a few MiB.

export interface DiagnosticEntry {
  at: number;
  /** out: sent; in: received; note: something the session noticed (a decode error, a late response). */
  dir: 'out' | 'in' | 'note';
  text: string;
}

export interface DiagnosticsBounds {
  /** An entry longer than this is cut, with a marker saying how much was left out. */
  entryChars: number;
  /** All entries together; the oldest go first. */
  totalChars: number;
}

export const DIAGNOSTICS_BOUNDS: DiagnosticsBounds = { entryChars: 8 * 1024, totalChars: 1024 * 1024 };

const PWD = /("pwd"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;

export function redact(text: string): string {
  return text.replace(PWD, '$1"***"');
}

/** Cut after redacting, so a cut can never leave part of a password behind. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export class DiagnosticsLog {
  private readonly bounds: DiagnosticsBounds;
  private readonly ring: (DiagnosticEntry | undefined)[];
  /** Index of the oldest entry. */
  private head = 0;
  private count = 0;
  private chars = 0;

  /** Entries kept (the last ones). */
  readonly capacity: number;
  private readonly now: () => number;

  constructor(capacity = 1000, now: () => number = Date.now, bounds: Partial<DiagnosticsBounds> = {}) {
    this.capacity = capacity;
    this.now = now;
    this.bounds = { ...DIAGNOSTICS_BOUNDS, ...bounds };
    this.ring = new Array<DiagnosticEntry | undefined>(capacity);
  }

  add(dir: DiagnosticEntry['dir'], text: string): void {
    const entry = { at: this.now(), dir, text: cut(redact(text), this.bounds.entryChars) };
    while (this.count > 0 && (this.count === this.capacity || this.chars + entry.text.length > this.bounds.totalChars))
      this.dropOldest();
    this.ring[(this.head + this.count) % this.capacity] = entry;
    this.count++;
    this.chars += entry.text.length;
  }

  private dropOldest(): void {
    this.chars -= this.ring[this.head]!.text.length;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }

  /** Characters held, all entries together. */
  get size(): number {
    return this.chars;
  }

  /** Oldest first. */
  list(): DiagnosticEntry[] {
    return Array.from({ length: this.count }, (_, i) => this.ring[(this.head + i) % this.capacity]!);
  }
}
