/** Test support for the import/export/backup commands: runs the real `gazette` CLI in a child process against a test database. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = path.join(root, 'src/importers/wordpress/fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliTarget {
  database: { url: string; dataDir: string };
}

export function cliEnv(target: CliTarget): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: target.database.url,
    GAZETTE_DATA_DIR: target.database.dataDir,
    GAZETTE_DEMO: 'false',
    LOG_LEVEL: 'silent',
  };
}

export function startGazette(target: CliTarget, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts'), ...args], { cwd: root, env: cliEnv(target), stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runGazette(target: CliTarget, args: string[]): Promise<CliResult> {
  const child = startGazette(target, args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
