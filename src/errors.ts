/** Exit codes, mapped in one place (src/cli.ts). */
export const EXIT = { ok: 0, data: 1, usage: 2, threshold: 3 } as const;

/**
 * An error the user can act on: a stable code, a one-line message and, where it applies,
 * the file and line. Only src/cli.ts turns it into an exit.
 */
export class LeadkitError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly exitCode: number = EXIT.data,
    public readonly file?: string,
    public readonly line?: number,
  ) {
    super(message);
    this.name = 'LeadkitError';
  }

  /** "file:line: message" — the one line a user sees. */
  get display(): string {
    const where = this.file ? (this.line ? `${this.file}:${this.line}: ` : `${this.file}: `) : '';
    return `${where}${this.message}`;
  }
}

export class UsageError extends LeadkitError {
  constructor(message: string, code = 'E_USAGE') {
    super(code, message, EXIT.usage);
    this.name = 'UsageError';
  }
}

export class DataError extends LeadkitError {
  constructor(code: string, message: string, file?: string, line?: number) {
    super(code, message, EXIT.data, file, line);
    this.name = 'DataError';
  }
}

export class ThresholdError extends LeadkitError {
  constructor(message: string) {
    super('E_THRESHOLD', message, EXIT.threshold);
    this.name = 'ThresholdError';
  }
}
