/** Every `gazette` sub-command; add one line here to add a command. */
import { backupCommand, restoreCommand } from './backup.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { migrateCommand } from './migrate.js';
import { mediaCommand } from '../media/command.js';
import { reindexCommand } from './reindex.js';
import { serveCommand } from './serve.js';
import { userCommand } from './user.js';
import type { Command } from './types.js';

export const commands: Command[] = [serveCommand, migrateCommand, importCommand, exportCommand, backupCommand, restoreCommand, userCommand, reindexCommand, mediaCommand];
