/**
 * What each revision was: the workflow move made with the save (`save` for a plain save or autosave, `create` for the
 * first one, `submit`, `publish`, `unpublish`, … as in content/workflow.ts) and the story's status after it. The
 * dashboard's recent activity reads them to write one line per story and change instead of one per autosave.
 * Revisions stored before this migration count as plain saves with no recorded status.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('revisions').addColumn('change', 'text', (c) => c.notNull().defaultTo('save')).execute();
  await db.schema.alterTable('revisions').addColumn('status', 'text').execute();
  await db.schema.createIndex('revisions_created_at').on('revisions').columns(['created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('revisions_created_at').execute();
  await db.schema.alterTable('revisions').dropColumn('status').execute();
  await db.schema.alterTable('revisions').dropColumn('change').execute();
}
