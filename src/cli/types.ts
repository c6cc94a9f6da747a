/** A `gazette` sub-command: its name, help text and what it runs. Exit codes: 0 ok, 1 failed, 2 bad usage. */
export interface Command {
  name: string;
  help: string;
  run(args: string[]): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Splits `--flag value`, `--flag=value` and `--switch` from positional arguments. */
export function parseArgs(args: string[], booleans: string[] = []): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) flags[name] = inline;
      else if (booleans.includes(name)) flags[name] = true;
      else {
        const next = args[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags[name] = next;
        i++;
      }
    } else positional.push(arg);
  }
  return { flags, positional };
}
