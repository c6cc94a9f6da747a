/**
 * Design system (issue 14): an image's focal point, set by an editor in the media library, so the 3:2 card crops keep
 * the subject. Percentages from the left and the top (0 to 100), both null for "none set" (the centre). The brand
 * settings themselves need no schema: they are rows of the settings table.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('focal_x', 'integer').execute();
  await db.schema.alterTable('media').addColumn('focal_y', 'integer').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('focal_y').execute();
  await db.schema.alterTable('media').dropColumn('focal_x').execute();
}
