/** CLI entry: `gazette <command>`. Exit codes: 0 success, 1 the command failed, 2 bad usage. */
import { ConfigError } from './config.js';
import { CommandError } from './errors.js';
import { commands } from './cli/commands.js';
import { UsageError } from './cli/types.js';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: gazette <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'gazette <command> --help' for a command's options.",
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`gazette: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gazette ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`gazette: configuration problem: ${error.message}`);
      return 2;
    }
    // A refusal (CommandError) says what was wrong, field by field when it knows; the exit code is 1 like any failure.
    console.error(`gazette ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof CommandError) for (const [field, problem] of Object.entries(error.details)) console.error(`  ${field}: ${problem}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
